using System.Net;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneFilterTests(EchoBackends echo)
{
    private BackendCluster[] Clusters =>
    [
        Cluster("a", BackendProtocol.Http1, echo.A.EndPoint),
        Cluster("b", BackendProtocol.Http1, echo.B.EndPoint),
    ];

    [Fact]
    public async Task Redirect_Configured_LocationIsExact()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host(
                "any",
                null,
                Rule("https", Prefix("/secure"), action: new RouteAction { Redirect = new Redirect { Scheme = "https", StatusCode = 301 } }),
                Rule("host", Prefix("/moved"), action: new RouteAction { Redirect = new Redirect { Hostname = "new.example.org" } }),
                Rule("port", Prefix("/port"), action: new RouteAction { Redirect = new Redirect { Port = 8443, Scheme = "https" } }),
                Rule("prefix", Prefix("/old"), action: new RouteAction
                {
                    Redirect = new Redirect { Path = new PathRewrite { Type = PathRewriteType.ReplacePrefixMatch, Value = "/new" } },
                }),
                Rule("full", Prefix("/full"), action: new RouteAction
                {
                    Redirect = new Redirect { Path = new PathRewrite { Type = PathRewriteType.ReplaceFullPath, Value = "/elsewhere" } },
                }))));

        await AssertRedirect(gateway, "http://shop.example.com/secure/cart?id=7", HttpStatusCode.MovedPermanently, "https://shop.example.com/secure/cart?id=7");
        await AssertRedirect(gateway, "http://shop.example.com/moved/x", HttpStatusCode.Found, "http://new.example.org:" + gateway.Port + "/moved/x");
        await AssertRedirect(gateway, "http://shop.example.com/port", HttpStatusCode.Found, "https://shop.example.com:8443/port");
        await AssertRedirect(gateway, "http://shop.example.com/old/page?q=1", HttpStatusCode.Found, "http://shop.example.com:" + gateway.Port + "/new/page?q=1");
        await AssertRedirect(gateway, "http://shop.example.com/full/a/b", HttpStatusCode.Found, "http://shop.example.com:" + gateway.Port + "/elsewhere");
    }

    [Theory]
    [InlineData("/foo/bar", "/xyz", "/xyz/bar")]
    [InlineData("/foo/bar", "/", "/bar")]
    [InlineData("/foo", "/", "/")]
    [InlineData("/foo/bar", "/xyz/", "/xyz/bar")]
    [InlineData("/foo/", "/xyz", "/xyz/")]
    public async Task UrlRewrite_ReplacePrefixMatch_BackendSeesRewrittenPath(string path, string replacement, string expected)
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", Prefix("/foo"), action: Forward(("a", 1)) with
            {
                Rewrite = new UrlRewrite { Path = new PathRewrite { Type = PathRewriteType.ReplacePrefixMatch, Value = replacement } },
            }))));

        var reply = await gateway.EchoAsync("http://example.com" + path + "?keep=1");

        Assert.Equal(expected + "?keep=1", reply.Path);
    }

    [Fact]
    public async Task UrlRewrite_HostnameAndFullPath_BackendSeesBoth()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", Prefix("/app"), action: Forward(("a", 1)) with
            {
                Rewrite = new UrlRewrite
                {
                    Hostname = "internal.svc",
                    Path = new PathRewrite { Type = PathRewriteType.ReplaceFullPath, Value = "/index" },
                },
            }))));

        var reply = await gateway.EchoAsync("http://public.example.com/app/deep/link");

        Assert.Equal("internal.svc", reply.Host);
        Assert.Equal("/index", reply.Path);
        Assert.Equal("public.example.com", reply.Headers["X-Forwarded-Host"]);
    }

    [Fact]
    public async Task HeaderModifiers_RequestAndResponse_Applied()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 1)) with
            {
                RequestHeaders = new HeaderModifier
                {
                    Set = Pairs(("X-Set", "set-value"), ("user-agent", "switchyard-test")),
                    Add = Pairs(("X-Add", "added")),
                    Remove = ["X-Remove"],
                },
                ResponseHeaders = new HeaderModifier
                {
                    Set = Pairs(("X-Resp-Set", "1")),
                    Add = Pairs(("X-Resp-Add", "2")),
                    Remove = ["Content-Type"],
                },
            }))));

        using var response = await gateway.GetAsync(
            "http://example.com/h",
            ("x-set", "original"),
            ("X-Add", "first"),
            ("x-remove", "gone"),
            ("X-Keep", "kept"));
        var reply = await EchoReply.ReadAsync(response);

        Assert.Equal("set-value", reply.Headers["X-Set"]);
        Assert.Equal("switchyard-test", reply.Headers["User-Agent"]);
        Assert.Equal("first, added", reply.Headers["X-Add"]);
        Assert.False(reply.Headers.ContainsKey("X-Remove"));
        Assert.Equal("kept", reply.Headers["X-Keep"]);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Resp-Set")));
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("X-Resp-Add")));
        Assert.Null(response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task HeaderModifiers_PerBackend_AppliedOnlyForThatBackend()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: new RouteAction
            {
                RequestHeaders = new HeaderModifier { Set = Pairs(("X-Rule", "r")) },
                Backends =
                [
                    new WeightedBackend
                    {
                        ClusterId = "a",
                        Weight = 1,
                        RequestHeaders = new HeaderModifier { Set = Pairs(("X-Backend", "for-a")) },
                        ResponseHeaders = new HeaderModifier { Set = Pairs(("X-Served-By", "a")) },
                    },
                    new WeightedBackend { ClusterId = "b", Weight = 1 },
                ],
            }))));

        var seen = new HashSet<string>();
        for (var i = 0; i < 200 && seen.Count < 2; i++)
        {
            using var response = await gateway.GetAsync("http://example.com/per-backend");
            var reply = await EchoReply.ReadAsync(response);
            seen.Add(reply.Backend);
            Assert.Equal("r", reply.Headers["X-Rule"]);
            if (reply.Backend == "a")
            {
                Assert.Equal("for-a", reply.Headers["X-Backend"]);
                Assert.Equal("a", Assert.Single(response.Headers.GetValues("X-Served-By")));
            }
            else
            {
                Assert.False(reply.Headers.ContainsKey("X-Backend"));
                Assert.False(response.Headers.Contains("X-Served-By"));
            }
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task Mirror_Configured_MirrorReceivesCopyAndClientGetsMainResponse()
    {
        var path = "/mirror/" + Guid.NewGuid().ToString("N");
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 1)) with
            {
                Mirrors = [new Mirror { ClusterId = "b" }],
                RequestHeaders = new HeaderModifier { Set = Pairs(("X-Filtered", "yes")) },
            }))));

        var reply = await gateway.EchoAsync("http://mirror.example.com" + path + "?n=1");

        Assert.Equal("a", reply.Backend);
        Assert.True(await Eventually.TrueAsync(() => echo.B.Received.Any(r => r.Path == path + "?n=1")));
        var copy = echo.B.Received.First(r => r.Path == path + "?n=1");
        Assert.Equal("mirror.example.com", copy.Host);
        Assert.Equal("yes", copy.Headers["X-Filtered"]);
    }

    [Fact]
    public async Task Mirror_FractionZeroPointFive_MirrorsAboutHalf()
    {
        var path = "/mirror-half/" + Guid.NewGuid().ToString("N");
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 1)) with { Mirrors = [new Mirror { ClusterId = "b", Fraction = 0.5 }] }))));

        const int Requests = 400;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await gateway.GetAsync("http://example.com" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Mirrors are fire-and-forget: wait until the count stops changing, then check it is near half.
        var last = -1;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            var count = echo.B.Received.Count(r => r.Path == path);
            var settled = count == last;
            last = count;
            await Task.Delay(50);
            return settled;
        }));
        Assert.InRange(last, Requests * 0.35, Requests * 0.65);
    }

    [Fact]
    public async Task Mirror_MirrorClusterUnreachable_MainRequestUnaffected()
    {
        await using var dead = await DeadEndpoint.CreateAsync();
        await using var gateway = await GatewayHarness.StartAsync(new Snapshot
        {
            Listeners = [Listener(Host("any", null, Rule("r", action: Forward(("a", 1)) with { Mirrors = [new Mirror { ClusterId = "dead" }] })))],
            Clusters = [.. Clusters, Cluster("dead", BackendProtocol.Http1, dead.EndPoint)],
        });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("a", (await gateway.EchoAsync("http://example.com/mirror-dead")).Backend);
        }
    }

    private static async Task AssertRedirect(GatewayHarness gateway, string url, HttpStatusCode status, string location)
    {
        using var response = await gateway.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }
}
