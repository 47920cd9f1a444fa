using System.Net;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneRoutingTests(EchoBackends echo)
{
    private BackendCluster[] Clusters =>
    [
        Cluster("a", BackendProtocol.Http1, echo.A.EndPoint),
        Cluster("b", BackendProtocol.Http1, echo.B.EndPoint),
        Cluster("c", BackendProtocol.Http1, echo.C.EndPoint),
    ];

    [Fact]
    public async Task Request_ByHostname_ServedByThatVirtualHost()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("exact", "foo.example.com", Rule("r-exact", action: Forward(("a", 1)))),
            Host("wildcard", "*.example.com", Rule("r-wild", action: Forward(("b", 1)))),
            Host("any", null, Rule("r-any", action: Forward(("c", 1))))));

        Assert.Equal("a", (await gateway.EchoAsync("http://FOO.example.com/x")).Backend);
        Assert.Equal("b", (await gateway.EchoAsync("http://bar.baz.example.com/x")).Backend);
        Assert.Equal("c", (await gateway.EchoAsync("http://example.org/x")).Backend);
    }

    [Fact]
    public async Task Request_ByPathHeaderQueryMethod_FirstMatchingRuleServes()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host(
                "any",
                null,
                Rule("exact", Exact("/exact"), action: Forward(("a", 1))),
                Rule("header", Prefix("/api"), headers: [Is("x-canary", "yes")], action: Forward(("b", 1))),
                Rule("query", Prefix("/api"), query: [Is("v", "2")], action: Forward(("c", 1))),
                Rule("post", Prefix("/api"), method: "POST", action: Forward(("c", 1))),
                Rule("regex", Regex("/items/[0-9]+"), action: Forward(("b", 1))),
                Rule("prefix", Prefix("/api"), action: Forward(("a", 1))))));

        Assert.Equal("a", (await gateway.EchoAsync("http://example.com/exact")).Backend);
        Assert.Equal("b", (await gateway.EchoAsync("http://example.com/api/x", ("X-Canary", "yes"))).Backend);
        Assert.Equal("c", (await gateway.EchoAsync("http://example.com/api/x?v=2")).Backend);
        using (var post = await gateway.SendAsync(HttpMethod.Post, "http://example.com/api/x"))
        {
            Assert.Equal("c", (await EchoReply.ReadAsync(post)).Backend);
        }

        Assert.Equal("b", (await gateway.EchoAsync("http://example.com/items/42")).Backend);
        Assert.Equal("a", (await gateway.EchoAsync("http://example.com/api")).Backend);
    }

    [Theory]
    [InlineData("http://example.com/nothing-here")]
    [InlineData("http://example.com/apix")]
    [InlineData("http://isolated.example.com/api")]
    public async Task Request_NoMatchingRule_Returns404(string url)
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("isolated", "isolated.example.com", Rule("other", Prefix("/other"), action: Forward(("a", 1)))),
            Host("any", null, Rule("api", Prefix("/api"), action: Forward(("a", 1))))));

        using var response = await gateway.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_Forwarded_BackendSeesOriginalHostPathAndForwardedHeaders()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 1))))));

        var reply = await gateway.EchoAsync("http://app.example.com/some/path?x=1&y=%20z", ("X-Forwarded-For", "203.0.113.7"), ("Connection", "keep-alive"));

        Assert.Equal("app.example.com", reply.Host);
        Assert.Equal("/some/path?x=1&y=%20z", reply.Path);
        Assert.Equal("GET", reply.Method);
        Assert.Equal("203.0.113.7, 127.0.0.1", reply.Headers["X-Forwarded-For"]);
        Assert.Equal("http", reply.Headers["X-Forwarded-Proto"]);
        Assert.Equal("app.example.com", reply.Headers["X-Forwarded-Host"]);
        Assert.False(reply.Headers.ContainsKey("Keep-Alive"));
    }

    [Fact]
    public async Task Request_H2cClient_ServedOverHttp2()
    {
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            Clusters,
            Host("any", null, Rule("r", action: Forward(("a", 1))))));
        using var client = gateway.CreateClient(() => gateway.Gateway, HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);

        using var response = await client.GetAsync("http://h2.example.com/h2");
        var reply = await EchoReply.ReadAsync(response);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("h2.example.com", reply.Host);
        Assert.Equal("HTTP/1.1", reply.Protocol);
    }
}
