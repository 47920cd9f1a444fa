using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Switchyard.Gateway.Echo;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneBackendTests(EchoBackends echo)
{
    private BackendCluster[] Clusters =>
    [
        Cluster("a", BackendProtocol.Http1, echo.A.EndPoint),
        Cluster("b", BackendProtocol.Http1, echo.B.EndPoint),
        Cluster("c", BackendProtocol.Http1, echo.C.EndPoint),
    ];

    [Fact]
    public async Task WeightedBackends_ThreeToOne_SplitWithinTolerance()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 3), ("b", 1))))));

        var counts = await CountBackendsAsync(gateway, "http://example.com/split", 1000);

        Assert.Equal(1000, counts.GetValueOrDefault("a") + counts.GetValueOrDefault("b"));
        Assert.InRange(counts.GetValueOrDefault("a"), 700, 800);
    }

    [Fact]
    public async Task WeightedBackends_WeightZero_NeverChosen()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 0), ("b", 5), ("c", 0))))));

        var counts = await CountBackendsAsync(gateway, "http://example.com/zero", 200);

        Assert.Equal(200, counts.GetValueOrDefault("b"));
    }

    [Fact]
    public async Task DirectResponse_Configured_ReturnsStatusAndBody()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host(
                "any",
                null,
                Rule("direct", Prefix("/direct"), action: new RouteAction { DirectResponse = new DirectResponse { StatusCode = 500, Body = "no valid backend" } }),
                Rule("none", Prefix("/none"), action: new RouteAction()),
                Rule("zero", Prefix("/zero"), action: Forward(("a", 0))),
                Rule("undefined", Prefix("/undefined"), action: Forward(("missing", 1))))));

        using (var direct = await gateway.GetAsync("http://example.com/direct"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, direct.StatusCode);
            Assert.Equal("no valid backend", await direct.Content.ReadAsStringAsync());
        }

        foreach (var path in new[] { "/none", "/zero", "/undefined" })
        {
            using var response = await gateway.GetAsync("http://example.com" + path);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Fact]
    public async Task Cluster_NoEndpoints_Returns503()
    {
        await using var gateway = await GatewayHarness.StartAsync(new Snapshot
        {
            Listeners = [Listener(Host("any", null, Rule("r", action: Forward(("empty", 1)))))],
            Clusters = [Cluster("empty")],
        });

        using var response = await gateway.GetAsync("http://example.com/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Endpoint_ConnectionRefused_Returns503ThenPassivelyEjected()
    {
        await using var dead = await DeadEndpoint.CreateAsync();
        await using var gateway = await GatewayHarness.StartAsync(new Snapshot
        {
            Listeners =
            [
                Listener(Host(
                    "any",
                    null,
                    Rule("dead-only", Prefix("/dead-only"), action: Forward(("dead", 1))),
                    Rule("mixed", Prefix("/mixed"), action: Forward(("mixed", 1))))),
            ],
            Clusters =
            [
                Cluster("dead", BackendProtocol.Http1, dead.EndPoint),
                Cluster("mixed", BackendProtocol.Http1, dead.EndPoint, echo.A.EndPoint),
            ],
        });

        using (var refused = await gateway.GetAsync("http://example.com/dead-only"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        // The dead endpoint of the mixed cluster fails at most once, then stays ejected for the backoff period.
        var failures = 0;
        for (var i = 0; i < 40; i++)
        {
            using var response = await gateway.GetAsync("http://example.com/mixed");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                failures++;
            }
            else
            {
                Assert.Equal("a", (await EchoReply.ReadAsync(response)).Backend);
            }
        }

        Assert.InRange(failures, 0, 1);
    }

    [Fact]
    public async Task RequestTimeout_SlowBackend_Returns504()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host(
                "any",
                null,
                Rule("request", Prefix("/request"), action: Forward(("a", 1)) with { RequestTimeout = TimeSpan.FromMilliseconds(300) }),
                Rule("backend", Prefix("/backend"), action: Forward(("a", 1)) with { BackendRequestTimeout = TimeSpan.FromMilliseconds(300) }))));

        foreach (var path in new[] { "/request", "/backend" })
        {
            var started = DateTime.UtcNow;
            using var slow = await gateway.GetAsync("http://example.com" + path, (EchoServer.DelayHeader, "10000"));
            Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));

            using var fast = await gateway.GetAsync("http://example.com" + path, (EchoServer.DelayHeader, "1"));
            Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
        }
    }

    [Fact]
    public async Task ClusterReadTimeout_SlowResponse_504WithoutEjectingTheEndpoint()
    {
        var cluster = Cluster("slow-a", BackendProtocol.Http1, echo.A.EndPoint) with { ReadTimeout = TimeSpan.FromMilliseconds(300) };
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            [cluster],
            Host("any", null, Rule("slow", Prefix("/"), action: Forward(("slow-a", 1))))));

        using var slow = await gateway.GetAsync("http://example.com/slow", (EchoServer.DelayHeader, "3000"));
        using var fast = await gateway.GetAsync("http://example.com/fast");

        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task WebSocket_OverHttp1UpgradeOrHttp2Connect_PassesThroughBothWays(int httpVersion)
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("ws", Prefix("/ws"), action: Forward(("b", 1))))));
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(gateway.Gateway, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        using var client = new ClientWebSocket();
        client.Options.HttpVersion = httpVersion == 2 ? HttpVersion.Version20 : HttpVersion.Version11;
        client.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await client.ConnectAsync(new Uri("ws://chat.example.com/ws/room"), invoker, timeout.Token);
        var buffer = new byte[1024];
        foreach (var message in new[] { "hello", "world" })
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, timeout.Token);
            var received = await client.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(message, Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(WebSocketState.Closed, client.State);
    }

    [Fact]
    public async Task H2cBackend_Configured_ForwardsOverHttp2PriorKnowledge()
    {
        await using var gateway = await GatewayHarness.StartAsync(new Snapshot
        {
            Listeners = [Listener(Host("any", null, Rule("r", action: Forward(("h2c", 1)))))],
            Clusters = [Cluster("h2c", BackendProtocol.H2C, echo.C.EndPoint)],
        });

        var reply = await gateway.EchoAsync("http://grpc.example.com/h2c?x=1");

        Assert.Equal("c", reply.Backend);
        Assert.Equal("HTTP/2", reply.Protocol);
        Assert.Equal("grpc.example.com", reply.Host);
        Assert.Equal("/h2c?x=1", reply.Path);
    }

    [Fact]
    public async Task RequestBody_Post_ForwardedToBackend()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 1))))));

        using var response = await gateway.Client.PostAsync("http://example.com/upload", new StringContent(new string('x', 100_000)));
        var reply = await EchoReply.ReadAsync(response);

        Assert.Equal("POST", reply.Method);
        Assert.Equal("100000", reply.Headers["Content-Length"]);
    }

    private static async Task<Dictionary<string, int>> CountBackendsAsync(GatewayHarness gateway, string url, int requests)
    {
        var counts = new Dictionary<string, int>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                var reply = await gateway.EchoAsync(url);
                lock (counts)
                {
                    counts[reply.Backend] = counts.GetValueOrDefault(reply.Backend) + 1;
                }
            }
        }));
        return counts;
    }
}
