using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Ir.ServiceProxy;
using static Switchyard.ServiceProxy.Tests.ProxyHarness;

namespace Switchyard.ServiceProxy.Tests;

public sealed class TcpProxyTests
{
    [Fact]
    public async Task Tcp_ReadyEndpoints_ConnectionsSpreadAndEcho()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var b = new TcpBackend("b", "127.0.0.3");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);

        var bindings = await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a, b)));

        var binding = Assert.Single(bindings);
        Assert.Equal(FrontendBindingState.Bound, binding.State);
        Assert.Equal(2, binding.Endpoints);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            var (socket, backend) = await TestNet.ConnectAsync(vip, port);
            using (socket)
            {
                seen.Add(backend);
                Assert.Equal("hello " + i, await TestNet.EchoAsync(socket, "hello " + i));
            }
        }

        Assert.Equal(["a", "b"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tcp_NoEndpoints_ConnectionRefusedUntilOneIsReady()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);

        var bindings = await proxy.ApplyAsync(Snapshot(Tcp(vip, port)));
        Assert.Equal(FrontendBindingState.NoEndpoints, Assert.Single(bindings).State);
        var refused = await Assert.ThrowsAsync<SocketException>(() => TestNet.ConnectAsync(vip, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));
        var (socket, backend) = await TestNet.ConnectAsync(vip, port);
        socket.Dispose();
        Assert.Equal("a", backend);

        await proxy.ApplyAsync(Snapshot(Tcp(vip, port)));
        refused = await Assert.ThrowsAsync<SocketException>(() => TestNet.ConnectAsync(vip, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Tcp_ClientHalfCloses_EchoAndFinStillDelivered()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));

        var (socket, _) = await TestNet.ConnectAsync(vip, port);
        using (socket)
        {
            var payload = new byte[200_000];
            Random.Shared.NextBytes(payload);
            await socket.SendAsync(payload, SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);

            var received = new MemoryStream();
            var buffer = new byte[65536];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }

            Assert.Equal(payload, received.ToArray());
        }

        await TestNet.EventuallyAsync(() => a.Open == 0, "the backend connection to close");
    }

    [Fact]
    public async Task Tcp_EndpointAdded_EstablishedConnectionUnaffected()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var b = new TcpBackend("b", "127.0.0.3");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));
        var (socket, backend) = await TestNet.ConnectAsync(vip, port);
        using var _ = socket;
        Assert.Equal("a", backend);

        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, b, a)));
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a, b)));

        Assert.Equal("still here", await TestNet.EchoAsync(socket, "still here"));
        Assert.Equal(1, a.Accepted);
    }

    [Fact]
    public async Task Tcp_EndpointRemoved_ConnectionClosedAfterGracePeriod()
    {
        var time = new FakeTimeProvider();
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var b = new TcpBackend("b", "127.0.0.3");
        await using var proxy = Create(time, grace: TimeSpan.FromSeconds(30));
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));
        var (toA, backend) = await TestNet.ConnectAsync(vip, port);
        using var _ = toA;
        Assert.Equal("a", backend);

        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, b)));

        // New connections go to b at once; the one to a keeps working during the grace period.
        var (toB, newBackend) = await TestNet.ConnectAsync(vip, port);
        using var __ = toB;
        Assert.Equal("b", newBackend);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("draining", await TestNet.EchoAsync(toA, "draining"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await TestNet.ClosedByPeerAsync(toA, TimeSpan.FromSeconds(10)), "the connection to the removed endpoint is closed");
        await TestNet.EventuallyAsync(() => a.Open == 0, "the upstream connection to close");
        Assert.Equal("unaffected", await TestNet.EchoAsync(toB, "unaffected"));
    }

    [Fact]
    public async Task Tcp_EndpointBackWithinGracePeriod_ConnectionKept()
    {
        var time = new FakeTimeProvider();
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var proxy = Create(time, grace: TimeSpan.FromSeconds(5));
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));
        var (socket, _) = await TestNet.ConnectAsync(vip, port);
        using var __ = socket;

        await proxy.ApplyAsync(Snapshot(Tcp(vip, port)));
        time.Advance(TimeSpan.FromSeconds(4));
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("kept", await TestNet.EchoAsync(socket, "kept"));
    }

    [Fact]
    public async Task Tcp_ClientIPAffinity_SameEndpointUntilTimeout()
    {
        var time = new FakeTimeProvider();
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var b = new TcpBackend("b", "127.0.0.3");
        await using var proxy = Create(time);
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        var rule = Rule(ServiceProxyProtocol.Tcp, [Frontend(vip, port)], [Endpoint(a.EndPoint), Endpoint(b.EndPoint)], affinitySeconds: 60);
        await proxy.ApplyAsync(Snapshot(rule));

        async Task<string> From(string client)
        {
            var (socket, backend) = await TestNet.ConnectAsync(vip, port, client);
            socket.Dispose();
            return backend;
        }

        var first = await From("127.0.0.50");
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(50));
            Assert.Equal(first, await From("127.0.0.50"));
        }

        // Another client is spread independently: over a few clients both endpoints are used.
        var others = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 51; i < 55; i++)
        {
            others.Add(await From("127.0.0." + i));
        }

        Assert.Equal(2, others.Count);

        // After the timeout without new connections, the client is balanced again.
        var after = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(61));
            after.Add(await From("127.0.0.50"));
        }

        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task Tcp_ExternalAndInternalFrontends_UseTheirOwnEndpoints()
    {
        await using var local = new TcpBackend("local", "127.0.0.2");
        await using var remote = new TcpBackend("remote", "127.0.0.3");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        var (node, nodePort) = TestNet.NewFrontend(ProtocolType.Tcp);

        // externalTrafficPolicy Local as the translator decides it: internal traffic anywhere, external only to local.
        var rule = Rule(
            ServiceProxyProtocol.Tcp,
            [Frontend(vip, port), Frontend(node, nodePort, ServiceProxyFrontendKind.NodePort)],
            [Endpoint(local.EndPoint), Endpoint(remote.EndPoint, externalTraffic: false)]);
        var bindings = await proxy.ApplyAsync(Snapshot(rule));
        Assert.Equal([2, 1], bindings.Select(x => x.Endpoints));

        for (var i = 0; i < 4; i++)
        {
            var (socket, backend) = await TestNet.ConnectAsync(node, nodePort);
            socket.Dispose();
            Assert.Equal("local", backend);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            var (socket, backend) = await TestNet.ConnectAsync(vip, port);
            socket.Dispose();
            seen.Add(backend);
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task Tcp_EndpointRefuses_NextEndpointTried()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        var deadAddress = TestNet.NewAddress();
        var dead = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(deadAddress), TestNet.FreePort(deadAddress, ProtocolType.Tcp));
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        await proxy.ApplyAsync(Snapshot(Rule(ServiceProxyProtocol.Tcp, [Frontend(vip, port)], [Endpoint(dead), Endpoint(a.EndPoint)])));

        for (var i = 0; i < 4; i++)
        {
            var (socket, backend) = await TestNet.ConnectAsync(vip, port);
            socket.Dispose();
            Assert.Equal("a", backend);
        }
    }

    [Fact]
    public async Task Apply_NonLocalAddress_ReportedAndNotBound()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        var rule = Rule(
            ServiceProxyProtocol.Tcp,
            [Frontend("192.0.2.10", 80), Frontend(vip, port), Frontend("2001:db8::10", 80, ServiceProxyFrontendKind.LoadBalancer)],
            [Endpoint(a.EndPoint)]);

        var bindings = await proxy.ApplyAsync(Snapshot(rule));

        Assert.Equal(
            [FrontendBindingState.NotLocalAddress, FrontendBindingState.Bound, FrontendBindingState.NotLocalAddress],
            bindings.Select(x => x.State));
        Assert.Equal(bindings, proxy.Bindings);
    }

    [Fact]
    public async Task Apply_FrontendRemoved_StopsListening()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var proxy = Create();
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)));
        var (socket, _) = await TestNet.ConnectAsync(vip, port);
        socket.Dispose();

        await proxy.ApplyAsync(Snapshot());

        var refused = await Assert.ThrowsAsync<SocketException>(() => TestNet.ConnectAsync(vip, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Apply_PortTaken_ReportedFailedAndRetried()
    {
        await using var a = new TcpBackend("a", "127.0.0.2");
        await using var proxy = Create();
        var vip = TestNet.NewAddress();
        var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blocker.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(vip), 0));
        blocker.Listen();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndPoint!).Port;

        var failed = Assert.Single(await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a))));
        Assert.Equal(FrontendBindingState.Failed, failed.State);
        Assert.NotNull(failed.Message);

        blocker.Dispose();
        Assert.Equal(FrontendBindingState.Bound, Assert.Single(await proxy.ApplyAsync(Snapshot(Tcp(vip, port, a)))).State);
    }
}
