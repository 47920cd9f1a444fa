using k8s.Models;

namespace Switchyard.Probing.Tests;

public sealed class ProbeSpecTests
{
    private static (V1Pod Pod, V1Container Container) PodWith(V1Probe probe)
    {
        var container = new V1Container
        {
            Name = "app",
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }, new V1ContainerPort { Name = "admin", ContainerPort = 9090 }],
            ReadinessProbe = probe,
        };
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns" },
            Spec = new V1PodSpec { Containers = [container] },
            Status = new V1PodStatus { PodIP = "127.0.0.9" },
        };
        return (pod, container);
    }

    [Fact]
    public void From_HttpGetNamedPort_ResolvedFromContainerPorts()
    {
        var (pod, container) = PodWith(new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Port = "admin", Path = "healthz", Scheme = "HTTPS", HttpHeaders = [new V1HTTPHeader { Name = "X-Probe", Value = "1" }] },
            InitialDelaySeconds = 5,
            PeriodSeconds = 2,
            TimeoutSeconds = 3,
            SuccessThreshold = 2,
            FailureThreshold = 4,
        });

        var spec = ProbeSpec.From(pod, container)!;

        Assert.Equal(ProbeKind.HttpGet, spec.Kind);
        Assert.Equal("127.0.0.9", spec.Host);
        Assert.Equal(9090, spec.Port);
        Assert.Equal("/healthz", spec.Path);
        Assert.True(spec.Https);
        Assert.Equal(["X-Probe=1"], spec.Headers.Select(h => h.Key + "=" + h.Value));
        Assert.Equal(TimeSpan.FromSeconds(5), spec.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), spec.Period);
        Assert.Equal(TimeSpan.FromSeconds(3), spec.Timeout);
        Assert.Equal(2, spec.SuccessThreshold);
        Assert.Equal(4, spec.FailureThreshold);
        Assert.Null(spec.Problem);
    }

    [Fact]
    public void From_UnknownNamedPort_ProbeCannotSucceed()
    {
        var (pod, container) = PodWith(new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "nope" } });

        var spec = ProbeSpec.From(pod, container)!;

        Assert.Equal(ProbeKind.TcpSocket, spec.Kind);
        Assert.Equal(0, spec.Port);
        Assert.Equal("no container port named nope", spec.Problem);
    }

    [Fact]
    public void From_TcpSocketHost_OverridesPodIP()
    {
        var (pod, container) = PodWith(new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "8081", Host = "127.0.0.10" } });

        var spec = ProbeSpec.From(pod, container)!;

        Assert.Equal("127.0.0.10", spec.Host);
        Assert.Equal(8081, spec.Port);
    }

    [Fact]
    public void From_Grpc_UsesPodIPAndService()
    {
        var (pod, container) = PodWith(new V1Probe { Grpc = new V1GRPCAction { Port = 50051, Service = "ready" } });

        var spec = ProbeSpec.From(pod, container)!;

        Assert.Equal(ProbeKind.Grpc, spec.Kind);
        Assert.Equal("127.0.0.9", spec.Host);
        Assert.Equal(50051, spec.Port);
        Assert.Equal("ready", spec.GrpcService);
    }

    [Fact]
    public void From_Exec_Unsupported()
    {
        var (pod, container) = PodWith(new V1Probe { Exec = new V1ExecAction { Command = ["true"] } });

        Assert.Equal(ProbeKind.Unsupported, ProbeSpec.From(pod, container)!.Kind);
    }
}
