using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Route hostnames intersected with listener hostnames (exact and wildcard), served by Host header.</summary>
public sealed class GatewayServeHostnameTests
{
    [Fact]
    public async Task Serve_RouteAndListenerHostnames_IntersectAndMostSpecificWins()
    {
        await using var echoes = await Echoes.StartAsync("exact", "wild", "deeper", "inherit", "mixed", "on-exact");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: apps}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: wild, protocol: HTTP, port: {{port}}, hostname: "*.example.com"}
              - {name: exact, protocol: HTTP, port: {{port}}, hostname: api.test}
            """,
            Route("exact", "2024-06-01", """["app.example.com"]""", "wild"),
            Route("wild", "2024-01-01", """["*.example.com"]""", "wild"),
            Route("deeper", "2024-06-01", """["*.eu.example.com"]""", "wild"),
            Route("inherit", "2024-03-01", "[]", "wild"),
            Route("mixed", "2024-06-01", """["mixed.example.com", "mixed.other.test"]""", "wild"),
            Route("outside", "2024-06-01", """["other.test", "*.example.org"]""", "wild"),
            Route("on-exact", "2024-06-01", """["*.test"]""", "exact"),
            Backend("apps", "exact", 80, echoes["exact"]),
            Backend("apps", "wild", 80, echoes["wild"]),
            Backend("apps", "deeper", 80, echoes["deeper"]),
            Backend("apps", "inherit", 80, echoes["inherit"]),
            Backend("apps", "mixed", 80, echoes["mixed"]),
            Backend("apps", "outside", 80, echoes["wild"]),
            Backend("apps", "on-exact", 80, echoes["on-exact"])));

        async Task<string> BackendFor(string hostHeader) => (await host.EchoAsync($"http://{address}:{port}/", ("Host", hostHeader))).Backend;

        Assert.Equal("exact", await BackendFor("app.example.com"));
        Assert.Equal("exact", await BackendFor("APP.Example.COM:" + port));
        Assert.Equal("deeper", await BackendFor("x.eu.example.com"));
        Assert.Equal("deeper", await BackendFor("a.b.eu.example.com"));

        // "*.example.com" from the route and inherited from the listener tie on hostname; the older route wins.
        Assert.Equal("wild", await BackendFor("b.example.com"));
        Assert.Equal("wild", await BackendFor("eu.example.com"));
        Assert.Equal("mixed", await BackendFor("mixed.example.com"));
        Assert.Equal("on-exact", await BackendFor("api.test"));

        // Outside every listener: the apex of a wildcard, the route's other hostnames, unknown hosts.
        foreach (var outside in new[] { "example.com", "mixed.other.test", "other.test", "x.example.org", "web.test" })
        {
            Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://{address}:{port}/", ("Host", outside)));
        }

        var outsideRoute = (await host.StatusOfAsync("HTTPRoute", "apps", "outside"))!;
        AssertCondition(RouteParent(outsideRoute, "web", "wild"), "Accepted", "False", "NoMatchingListenerHostname");
        AssertCondition(RouteParent((await host.StatusOfAsync("HTTPRoute", "apps", "mixed"))!, "web", "wild"), "Accepted", "True", "Accepted");
        var gateway = (await host.StatusOfAsync("Gateway", "apps", "web"))!;
        Assert.Equal(5, Listener(gateway, "wild")["attachedRoutes"]!.GetValue<int>());
        Assert.Equal(1, Listener(gateway, "exact")["attachedRoutes"]!.GetValue<int>());
    }

    private static string Route(string name, string created, string hostnames, string section) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{name}}, namespace: apps, creationTimestamp: "{{created}}T00:00:00Z"}
        spec:
          parentRefs: [{name: web, sectionName: {{section}}}]
          hostnames: {{hostnames}}
          rules:
          - backendRefs: [{name: {{name}}, port: 80}]
        """;
}
