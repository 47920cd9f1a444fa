using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Switchyard.Probing.Tests.PodFactory;

namespace Switchyard.Probing.Tests;

public sealed class ReadinessProberTests
{
    private static ReadinessProber Prober(TimeProvider? time = null) =>
        new(LoopbackOnly(), time ?? TimeProvider.System, NullLogger<ReadinessProber>.Instance);

    [Fact]
    public async Task HttpGet_StatusFlips_ReadinessFollowsAndEventsRaised()
    {
        await using var backend = await HttpBackend.StartAsync("a", "127.0.0.2");
        await using var prober = Prober();
        var changes = new List<PodReadinessChange>();
        prober.ReadinessChanged += change =>
        {
            lock (changes)
            {
                changes.Add(change);
            }
        };
        var probe = HttpProbe();
        probe.HttpGet.HttpHeaders = [new V1HTTPHeader { Name = "X-Probe", Value = "yes" }];

        prober.Update([Pod("a", backend.EndPoint, probe)]);

        Assert.False(prober.IsReady("apps", "a"));
        await EventuallyAsync(() => prober.IsReady("apps", "a") == true, "the Pod to become ready");
        Assert.True(backend.ProbeHeaders.TryPeek(out var headers));
        Assert.StartsWith("kube-probe/", headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("yes", headers["X-Probe"]);

        backend.HealthStatus = 503;
        await EventuallyAsync(() => prober.IsReady("apps", "a") == false, "the Pod to become not ready");
        backend.HealthStatus = 302;
        await EventuallyAsync(() => prober.IsReady("apps", "a") == true, "a redirect to count as success");

        lock (changes)
        {
            Assert.Equal([true, false, true], changes.Select(c => c.Ready));
            Assert.All(changes, c => Assert.Equal(("apps", "a"), (c.Namespace, c.Name)));
        }
    }

    [Fact]
    public async Task HttpGet_Redirects_SameHostFollowedOtherHostSuccess()
    {
        await using var backend = await HttpBackend.StartAsync("a", "127.0.0.7");
        await using var prober = Prober();
        var moved = HttpProbe();
        moved.HttpGet.Path = "/moved";
        var elsewhere = HttpProbe();
        elsewhere.HttpGet.Path = "/elsewhere";
        backend.HealthStatus = 503;

        prober.Update([Pod("moved", backend.EndPoint, moved), Pod("elsewhere", backend.EndPoint, elsewhere)]);

        // The redirect to another host is never followed (so never resolved or connected to) and counts as success.
        await EventuallyAsync(() => prober.IsReady("apps", "elsewhere") == true, "the off-host redirect to count as success");
        await EventuallyAsync(() => prober.Attempts("apps", "moved") >= 2, "the redirected probe to run");
        Assert.False(prober.IsReady("apps", "moved"));
        backend.HealthStatus = 200;
        await EventuallyAsync(() => prober.IsReady("apps", "moved") == true, "the followed redirect to succeed");
    }

    [Fact]
    public async Task HttpGet_Https_CertificateNotVerified()
    {
        await using var backend = await HttpBackend.StartAsync("a", "127.0.0.3", https: true);
        await using var prober = Prober();
        var probe = HttpProbe();
        probe.HttpGet.Scheme = "HTTPS";

        prober.Update([Pod("a", backend.EndPoint, probe)]);

        await EventuallyAsync(() => prober.IsReady("apps", "a") == true, "the HTTPS probe to succeed");
    }

    [Fact]
    public async Task Grpc_ServingStatus_DrivesReadiness()
    {
        await using var backend = await HttpBackend.StartAsync("g", "127.0.0.4", grpc: true);
        await using var prober = Prober();
        var probe = new V1Probe { Grpc = new V1GRPCAction { Port = backend.EndPoint.Port }, PeriodSeconds = 1, TimeoutSeconds = 1, FailureThreshold = 1, SuccessThreshold = 1 };

        prober.Update([Pod("g", backend.EndPoint, probe)]);

        await EventuallyAsync(() => prober.IsReady("apps", "g") == true, "the gRPC probe to succeed");
        backend.Health!.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.NotServing);
        await EventuallyAsync(() => prober.IsReady("apps", "g") == false, "NOT_SERVING to make the Pod not ready");
    }

    [Fact]
    public async Task TcpSocket_Timing_InitialDelayPeriodAndFailureThresholdHonoured()
    {
        var time = new FakeTimeProvider();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.5"), 0));
        listener.Listen();
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        await using var prober = Prober(time);
        var probe = new V1Probe
        {
            TcpSocket = new V1TCPSocketAction { Port = "http" },
            InitialDelaySeconds = 10,
            PeriodSeconds = 5,
            TimeoutSeconds = 1,
            SuccessThreshold = 1,
            FailureThreshold = 2,
        };

        prober.Update([Pod("t", endPoint, probe)]);

        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.Equal(0, prober.Attempts("apps", "t"));
        Assert.False(prober.IsReady("apps", "t"));

        time.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => prober.Attempts("apps", "t") == 1, "the first probe at initialDelaySeconds");
        Assert.True(prober.IsReady("apps", "t"));

        listener.Close();
        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50);
        Assert.Equal(1, prober.Attempts("apps", "t"));

        time.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => prober.Attempts("apps", "t") == 2, "the second probe one period later");
        Assert.True(prober.IsReady("apps", "t"));

        time.Advance(TimeSpan.FromSeconds(5));
        await EventuallyAsync(() => prober.Attempts("apps", "t") == 3, "the third probe");
        Assert.False(prober.IsReady("apps", "t"));
    }

    [Fact]
    public async Task Update_PodsWithoutProbesOrGone_NotProbed()
    {
        await using var backend = await HttpBackend.StartAsync("a", "127.0.0.6");
        await using var prober = Prober();
        var exec = Pod("exec", backend.EndPoint, new V1Probe { Exec = new V1ExecAction { Command = ["true"] } });
        var none = Pod("none", backend.EndPoint, HttpProbe());
        none.Spec.Containers[0].ReadinessProbe = null;
        var noIP = Pod("noip", backend.EndPoint, HttpProbe());
        noIP.Status.PodIP = null;
        var probed = Pod("probed", backend.EndPoint, HttpProbe());

        prober.Update([exec, none, noIP, probed]);

        Assert.Null(prober.IsReady("apps", "exec"));
        Assert.Null(prober.IsReady("apps", "none"));
        Assert.Null(prober.IsReady("apps", "noip"));
        Assert.False(prober.IsReady("apps", "probed"));
        await EventuallyAsync(() => prober.IsReady("apps", "probed") == true, "the probed Pod to become ready");

        prober.Update([]);
        Assert.Null(prober.IsReady("apps", "probed"));
    }

    [Fact]
    public async Task Probe_TargetNotAllowed_FailsWithoutConnecting()
    {
        await using var prober = Prober();
        var pod = Pod("remote", new IPEndPoint(IPAddress.Parse("192.0.2.1"), 8080), HttpProbe());

        prober.Update([pod]);

        await EventuallyAsync(() => prober.Attempts("apps", "remote") >= 1, "a probe attempt");
        Assert.False(prober.IsReady("apps", "remote"));
    }

    [Fact]
    public void Overlay_ProbedReadiness_ReplacesReadyConditionOnACopy()
    {
        var pod = Pod("a", new IPEndPoint(IPAddress.Loopback, 80), HttpProbe());
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var notReady = PodReadinessOverlay.Apply(pod, false, now);

        Assert.NotSame(pod, notReady);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
        var ready = notReady.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Equal(now, ready.LastTransitionTime);
        Assert.Equal("False", notReady.Status.Conditions.Single(c => c.Type == "ContainersReady").Status);
        Assert.Same(pod, PodReadinessOverlay.Apply(pod, null, now));
    }
}
