using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;
using Switchyard.ServiceProxy;
using Switchyard.Translation;
using static Switchyard.Probing.Tests.PodFactory;

namespace Switchyard.Probing.Tests;

/// <summary>
/// The whole readiness path on real sockets: prober → Pod Ready condition → EndpointSlice → translation → L4 proxy.
/// The slice is written here the way the EndpointSlice controller writes it (ready = Pod Ready condition).
/// </summary>
public sealed class ProbeToTrafficTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ProbeFlips_TrafficFollowsWithinOneProbePeriod()
    {
        await using var a = await HttpBackend.StartAsync("pod-a", "127.0.0.21");
        await using var b = await HttpBackend.StartAsync("pod-b", "127.0.0.22");
        var vip = "127.96.7." + (1 + (Environment.ProcessId % 250));
        var port = FreePort(vip);
        var pods = new[] { Pod("a", a.EndPoint, HttpProbe()), Pod("b", b.EndPoint, HttpProbe()) };

        await using var prober = new ReadinessProber(LoopbackOnly(), TimeProvider.System, NullLogger<ReadinessProber>.Instance);
        await using var proxy = new ServiceProxyDataPlane(new ServiceProxyOptions(), TimeProvider.System, NullLogger<ServiceProxyDataPlane>.Instance);
        var store = new ResourceStore();
        var translator = new Translator(new TranslatorOptions(), new FakeTimeProvider());
        var gate = new SemaphoreSlim(1, 1);
        var generation = 0L;

        // The pipeline as serve runs it: overlay probed readiness, write slices, translate, apply.
        async Task SyncAsync()
        {
            await gate.WaitAsync();
            try
            {
                var now = DateTime.UtcNow;
                var overlaid = pods.Select(p => prober.Overlay(p, now)).ToList();
                // Each Pod listens on its own port, so each gets its own slice (as the controller groups endpoints by port set).
                store.ReplaceSource("test-controller", new LoadResult([Service(vip, port), .. overlaid.Select(Slice)], [], [], []));
                var result = translator.Translate(store.Current, ++generation);
                Assert.Empty(result.Snapshot.Validate());
                await proxy.ApplyAsync(result.Snapshot);
            }
            finally
            {
                gate.Release();
            }
        }

        prober.ReadinessChanged += change => { _ = SyncAsync(); };
        prober.Update(pods);
        await SyncAsync();

        // Not ready until the first probe succeeds, then both serve.
        await EventuallyAsync(() => prober.IsReady("apps", "a") == true && prober.IsReady("apps", "b") == true, "both Pods ready");
        await EventuallyAsync(() => ServedBy(vip, port, 6).SetEquals(["pod-a", "pod-b"]), "traffic to both Pods");

        // a fails its probe: within one period (plus the pipeline) new connections avoid it.
        a.HealthStatus = 500;
        var clock = Stopwatch.StartNew();
        await EventuallyAsync(() => ServedBy(vip, port, 4).SetEquals(["pod-b"]), "traffic to leave pod-a");
        Assert.True(clock.Elapsed < Period + TimeSpan.FromSeconds(1), $"traffic followed in {clock.Elapsed}");

        // a recovers: traffic comes back.
        a.HealthStatus = 200;
        clock.Restart();
        await EventuallyAsync(() => ServedBy(vip, port, 6).Contains("pod-a"), "traffic to return to pod-a");
        Assert.True(clock.Elapsed < Period + TimeSpan.FromSeconds(1), $"traffic followed in {clock.Elapsed}");
    }

    private static int FreePort(string address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    // Which backends answer GET / through the service VIP, over fresh connections.
    private static HashSet<string> ServedBy(string vip, int port, int requests)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var handler = new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < requests; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{vip}:{port}/");
                request.Headers.ConnectionClose = true;
                using var response = client.Send(request);
                names.Add(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            }
            catch (HttpRequestException)
            {
                names.Add("refused");
            }
        }

        return names;
    }

    private static LoadedObject Service(string vip, int port)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "apps" },
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                ClusterIP = vip,
                ClusterIPs = [vip],
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                SessionAffinity = "None",
                InternalTrafficPolicy = "Cluster",
                Ports = [new V1ServicePort { Name = "http", Port = port, Protocol = "TCP", TargetPort = "http" }],
            },
        };
        return new LoadedObject(KindRegistry.For<V1Service>(), new ResourceKey(string.Empty, "Service", "apps", "web"), service, new SourceLocation("test", 0));
    }

    private static LoadedObject Slice(V1Pod pod)
    {
        var ready = pod.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True");
        var name = "web-" + pod.Metadata.Name;
        var slice = new V1EndpointSlice
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "apps", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Name = "http", Port = pod.Spec.Containers[0].Ports[0].ContainerPort, Protocol = "TCP" }],
            Endpoints =
            [
                new V1Endpoint
                {
                    Addresses = [pod.Status.PodIP],
                    Conditions = new V1EndpointConditions { Ready = ready, Serving = ready, Terminating = false },
                    TargetRef = new V1ObjectReference { Kind = "Pod", Name = pod.Metadata.Name, NamespaceProperty = "apps" },
                },
            ],
        };
        return new LoadedObject(KindRegistry.For<V1EndpointSlice>(), new ResourceKey("discovery.k8s.io", "EndpointSlice", "apps", name), slice, new SourceLocation("test", 0));
    }
}
