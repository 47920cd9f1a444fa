using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Ir.ServiceProxy;
using static Switchyard.ServiceProxy.Tests.ProxyHarness;

namespace Switchyard.ServiceProxy.Tests;

public sealed class UdpProxyTests
{
    private static ServiceProxyRule Udp(string address, int port, params UdpBackend[] backends) =>
        Rule(ServiceProxyProtocol.Udp, [Frontend(address, port)], [.. backends.Select(b => Endpoint(b.EndPoint))]);

    private static Socket Client(string vip, int port, string? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(from ?? "127.0.0.1"), 0));
        socket.Connect(new IPEndPoint(IPAddress.Parse(vip), port));
        return socket;
    }

    [Fact]
    public async Task Udp_Datagrams_RelayedBothWaysAndFlowsStickToTheirEndpoint()
    {
        await using var a = new UdpBackend("a", "127.0.0.2");
        await using var b = new UdpBackend("b", "127.0.0.3");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Udp);

        var binding = Assert.Single(await proxy.ApplyAsync(Snapshot(Udp(vip, port, a, b))));
        Assert.Equal(FrontendBindingState.Bound, binding.State);

        var backends = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            using var client = Client(vip, port);
            var first = await TestNet.UdpRoundTripAsync(client, "ping" + i);
            Assert.EndsWith(":ping" + i, first, StringComparison.Ordinal);
            var name = first[..first.IndexOf(':', StringComparison.Ordinal)];
            backends.Add(name);

            // Later datagrams of the same flow reach the same endpoint; the reply comes from the frontend address.
            Assert.Equal(name + ":again", await TestNet.UdpRoundTripAsync(client, "again"));
        }

        Assert.Equal(2, backends.Count);
    }

    [Fact]
    public async Task Udp_NoEndpoints_PortUnreachable()
    {
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Udp);

        Assert.Equal(FrontendBindingState.NoEndpoints, Assert.Single(await proxy.ApplyAsync(Snapshot(Udp(vip, port)))).State);

        using var client = Client(vip, port);
        var error = await Assert.ThrowsAsync<SocketException>(() => TestNet.UdpRoundTripAsync(client, "anyone?"));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Udp_EndpointRemoved_FlowMovesToRemainingEndpoint()
    {
        await using var a = new UdpBackend("a", "127.0.0.2");
        await using var b = new UdpBackend("b", "127.0.0.3");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Udp);
        await proxy.ApplyAsync(Snapshot(Udp(vip, port, a)));
        using var client = Client(vip, port);
        Assert.Equal("a:one", await TestNet.UdpRoundTripAsync(client, "one"));

        await proxy.ApplyAsync(Snapshot(Udp(vip, port, b)));

        Assert.Equal("b:two", await TestNet.UdpRoundTripAsync(client, "two"));
        Assert.Equal(1, a.Received);
    }

    [Fact]
    public async Task Udp_ClientIPAffinity_NewFlowsOfOneClientShareEndpoint()
    {
        await using var a = new UdpBackend("a", "127.0.0.2");
        await using var b = new UdpBackend("b", "127.0.0.3");
        await using var proxy = Create(new FakeTimeProvider());
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Udp);
        var rule = Rule(ServiceProxyProtocol.Udp, [Frontend(vip, port)], [Endpoint(a.EndPoint), Endpoint(b.EndPoint)], affinitySeconds: 30);
        await proxy.ApplyAsync(Snapshot(rule));

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            // A new source port each time: a new flow from the same client IP.
            using var client = Client(vip, port, "127.0.0.60");
            var reply = await TestNet.UdpRoundTripAsync(client, "x");
            names.Add(reply[..reply.IndexOf(':', StringComparison.Ordinal)]);
        }

        Assert.Single(names);
    }

    [Fact]
    public async Task Udp_IdleFlow_ForgottenAfterTimeout()
    {
        var time = new FakeTimeProvider();
        await using var a = new UdpBackend("a", "127.0.0.2");
        await using var proxy = new ServiceProxyDataPlane(
            new ServiceProxyOptions { UdpIdleTimeout = TimeSpan.FromSeconds(5), SweepInterval = TimeSpan.FromSeconds(1) },
            time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ServiceProxyDataPlane>.Instance);
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Udp);
        await proxy.ApplyAsync(Snapshot(Udp(vip, port, a)));
        using var client = Client(vip, port);
        Assert.Equal("a:one", await TestNet.UdpRoundTripAsync(client, "one"));
        var frontend = proxy.FrontendFor(ServiceProxyProtocol.Udp, vip, port) as UdpFrontend;
        Assert.NotNull(frontend);
        Assert.Equal(1, frontend.SessionCount);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, frontend.SessionCount);
        time.Advance(TimeSpan.FromSeconds(2));
        await TestNet.EventuallyAsync(() => frontend.SessionCount == 0, "the idle flow to be swept");

        // The client can simply go on: a new flow is opened.
        Assert.Equal("a:two", await TestNet.UdpRoundTripAsync(client, "two"));
    }
}
