using System.Net;
using System.Net.Sockets;
using Switchyard.Gateway.Echo;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneListenerTests(EchoBackends echo)
{
    [Fact]
    public async Task ApplyAsync_PortInUse_ReportsFailureAndOtherListenersServe()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        var taken = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        var snapshot = Snapshot(
            Listener("busy", "127.0.0.1", taken, "a"),
            Listener("free", "127.0.0.1", 0, "b"));

        await using var gateway = await GatewayHarness.StartAsync(snapshot, requireSuccess: false);
        var results = gateway.Results;

        Assert.Equal(["busy", "free"], results.Select(r => r.ListenerId));
        Assert.False(results[0].Success);
        Assert.Contains("address already in use", results[0].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["ns/gw/busy"], results[0].Owners.ToArray());
        Assert.True(results[1].Success);
        Assert.NotEqual(0, results[1].Port);
        using var client = gateway.CreateClient(() => results[1].EndPoint!);
        using var response = await client.GetAsync("http://example.com/");
        Assert.Equal("b", (await EchoReply.ReadAsync(response)).Backend);
    }

    [Theory]
    [InlineData("192.0.2.1", 8080, "address")]
    [InlineData("not-an-ip", 8080, "invalid listener address")]
    public async Task ApplyAsync_UnusableAddress_ReportsFailure(string address, int port, string expected)
    {
        await using var gateway = await GatewayHarness.StartAsync(
            Snapshot(Listener("bad", address, port, "a"), Listener("good", "127.0.0.1", 0, "a")),
            requireSuccess: false);

        Assert.False(gateway.Results[0].Success);
        Assert.Contains(expected, gateway.Results[0].Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(gateway.Results[1].Success);
    }

    [Fact]
    public async Task ApplyAsync_ListenerRemoved_ClosedWhileUnchangedListenerKeepsItsConnections()
    {
        await using var gateway = await GatewayHarness.StartAsync(Snapshot(
            Listener("kept", "127.0.0.1", 0, "a"),
            Listener("removed", "127.0.0.2", 0, "b")));
        var kept = gateway.Results[0].EndPoint!;
        var removed = gateway.Results[1].EndPoint!;
        using var keptClient = gateway.CreateClient(() => kept);
        Assert.Equal("a", (await EchoReply.ReadAsync(await keptClient.GetAsync("http://example.com/1"))).Backend);
        var connectionsBefore = echo.A.RequestCount;

        var results = await gateway.ApplyAsync(Snapshot(Listener("kept", "127.0.0.1", 0, "c")) with { Generation = 2 });

        Assert.Equal(kept, Assert.Single(results).EndPoint);
        // Same listener, same pooled connection, new routes.
        Assert.Equal("c", (await EchoReply.ReadAsync(await keptClient.GetAsync("http://example.com/2"))).Backend);
        Assert.True(await Eventually.TrueAsync(() => !CanConnect(removed)));
        Assert.True(echo.A.RequestCount >= connectionsBefore);
    }

    [Fact]
    public async Task ApplyAsync_ProtocolChangedOnSameBinding_Rebinds()
    {
        var certificate = TestCertificates.Create("a.example.com", null);
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        occupant.Dispose();
        await using var gateway = await GatewayHarness.StartAsync(Snapshot(Listener("l", "127.0.0.3", port, "a")));

        var results = await gateway.ApplyAsync(Snapshot(Listener("l", "127.0.0.3", port, "a") with
        {
            Protocol = ListenerProtocol.Https,
            Certificates = [certificate],
        }));

        Assert.True(results[0].Success, results[0].Error);
        using var response = await gateway.GetAsync("https://a.example.com/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["a.example.com"], gateway.ServedCertificates);
    }

    [Fact]
    public async Task StopAsync_RequestInFlight_CompletesThenListenerClosed()
    {
        await using var gateway = await GatewayHarness.StartAsync(Snapshot(Listener("l", "127.0.0.1", 0, "a")));
        var endPoint = gateway.Gateway;
        var slow = gateway.GetAsync("http://example.com/slow", (EchoServer.DelayHeader, "300"));
        Assert.True(await Eventually.TrueAsync(() => echo.A.Received.Any(r => r.Path == "/slow" && r.Headers.ContainsKey(EchoServer.DelayHeader))));

        await gateway.DataPlane.StopAsync(TimeSpan.FromSeconds(10));

        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(CanConnect(endPoint));
    }

    [Fact]
    public async Task ApplyAsync_SwapsUnderContinuousLoad_NoRequestFails()
    {
        var first = Snapshot(Listener("main", "127.0.0.1", 0, "a"), Listener("extra", "127.0.0.4", 0, "a"));
        var second = Snapshot(Listener("main", "127.0.0.1", 0, "b"));
        await using var gateway = await GatewayHarness.StartAsync(first);
        var main = gateway.Gateway;
        using var client = gateway.CreateClient(() => main);
        var failures = new List<string>();
        var seen = new HashSet<string>();
        var requests = 0;
        using var done = new CancellationTokenSource();

        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("http://example.com/load/" + worker);
                    var reply = await EchoReply.ReadAsync(response);
                    Interlocked.Increment(ref requests);
                    lock (seen)
                    {
                        seen.Add(reply.Backend);
                    }
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex.Message);
                    }
                }
            }
        })).ToList();

        for (var generation = 2; generation < 42; generation++)
        {
            var results = await gateway.ApplyAsync((generation % 2 == 0 ? second : first) with { Generation = generation });
            Assert.All(results, r => Assert.True(r.Success, r.Error));
            Assert.Equal(main, results[0].EndPoint);
            var target = Volatile.Read(ref requests) + 5;
            Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref requests) >= target || failures.Count > 0));
        }

        await done.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.Equal(["a", "b"], seen.Order());
        Assert.True(requests > 200, "requests: " + requests);
    }

    private static bool CanConnect(IPEndPoint endPoint)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Listener Listener(string id, string address, int port, string cluster) => TestIr.Listener(
        Host("any", null, Rule("r-" + id, action: Forward((cluster, 1))))) with
    {
        Id = id,
        Address = address,
        Port = port,
        Owners = ["ns/gw/" + id],
    };

    private Snapshot Snapshot(params Listener[] listeners) => new()
    {
        Generation = 1,
        Listeners = [.. listeners],
        Clusters =
        [
            Cluster("a", BackendProtocol.Http1, echo.A.EndPoint),
            Cluster("b", BackendProtocol.Http1, echo.B.EndPoint),
            Cluster("c", BackendProtocol.Http1, echo.C.EndPoint),
        ],
    };
}
