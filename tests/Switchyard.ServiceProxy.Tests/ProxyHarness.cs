using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Ir;
using Switchyard.Ir.ServiceProxy;

namespace Switchyard.ServiceProxy.Tests;

/// <summary>Builds IR by hand and runs a data plane over it.</summary>
internal static class ProxyHarness
{
    public static ServiceProxyDataPlane Create(TimeProvider? time = null, TimeSpan? grace = null) =>
        new(
            new ServiceProxyOptions { DrainGracePeriod = grace ?? TimeSpan.FromSeconds(30), UdpIdleTimeout = TimeSpan.FromSeconds(30) },
            time ?? TimeProvider.System,
            NullLogger<ServiceProxyDataPlane>.Instance);

    public static Snapshot Snapshot(params ServiceProxyRule[] rules) => new() { Generation = 1, ServiceProxy = [.. rules] };

    public static ServiceProxyFrontend Frontend(string address, int port, ServiceProxyFrontendKind kind = ServiceProxyFrontendKind.ClusterIP) =>
        new() { Address = address, Port = port, Kind = kind };

    public static ServiceProxyEndpoint Endpoint(IPEndPoint endPoint, bool internalTraffic = true, bool externalTraffic = true) => new()
    {
        Address = endPoint.Address.ToString(),
        Port = endPoint.Port,
        Ready = true,
        Serving = true,
        ReceivesInternal = internalTraffic,
        ReceivesExternal = externalTraffic,
    };

    public static ServiceProxyRule Rule(ServiceProxyProtocol protocol, ServiceProxyFrontend[] frontends, ServiceProxyEndpoint[] endpoints, int? affinitySeconds = null) => new()
    {
        Id = protocol == ServiceProxyProtocol.Tcp ? "service/test/svc/port/80" : "service/test/svc/port/80/udp",
        Service = "test/svc",
        Protocol = protocol,
        Frontends = [.. frontends],
        Endpoints = [.. endpoints],
        ClientIPAffinitySeconds = affinitySeconds,
    };

    public static ServiceProxyRule Tcp(string address, int port, params TcpBackend[] backends) =>
        Rule(ServiceProxyProtocol.Tcp, [Frontend(address, port)], [.. backends.Select(b => Endpoint(b.EndPoint))]);
}
