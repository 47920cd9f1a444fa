using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Path, header, query and method matches, and the precedence rules across all routes of a listener.</summary>
public sealed class GatewayServeMatchingTests
{
    private static readonly string[] MatchBackends = ["exact", "prefix", "regex", "header", "header-re", "query", "query-re", "method", "and", "default"];
    private static readonly string[] PrecedenceBackends = ["a", "b", "c", "d", "e", "f", "g", "h", "tie-a", "tie-b"];

    [Fact]
    public async Task Serve_MatchTypes_RouteByPathHeadersQueryAndMethod()
    {
        await using var echoes = await Echoes.StartAsync(MatchBackends);
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            [
                GatewayClass(),
                HttpGateway("apps", "web", address, port),
                HttpRoute("apps", "matches", """
                - matches: [{path: {type: Exact, value: /exact}}]
                  backendRefs: [{name: exact, port: 80}]
                - matches: [{path: {type: PathPrefix, value: /prefix/}}]
                  backendRefs: [{name: prefix, port: 80}]
                - matches: [{path: {type: RegularExpression, value: "/re/[0-9]+"}}]
                  backendRefs: [{name: regex, port: 80}]
                - matches: [{headers: [{name: x-env, value: canary}]}]
                  backendRefs: [{name: header, port: 80}]
                - matches: [{headers: [{type: RegularExpression, name: x-ver, value: "v[0-9]+"}]}]
                  backendRefs: [{name: header-re, port: 80}]
                - matches: [{queryParams: [{name: tier, value: gold}]}]
                  backendRefs: [{name: query, port: 80}]
                - matches: [{queryParams: [{type: RegularExpression, name: id, value: "[0-9]+"}]}]
                  backendRefs: [{name: query-re, port: 80}]
                - matches: [{method: POST}, {path: {value: /or}}]
                  backendRefs: [{name: method, port: 80}]
                - matches: [{path: {value: /and}, headers: [{name: x-and, value: "1"}], queryParams: [{name: and, value: "1"}], method: PUT}]
                  backendRefs: [{name: and, port: 80}]
                - backendRefs: [{name: default, port: 80}]
                """, hostnames: "[match.test]"),
                .. MatchBackends.Select(b => Backend("apps", b, 80, echoes[b])),
            ]));

        async Task<string> BackendFor(string pathAndQuery, HttpMethod? method = null, params (string, string)[] headers)
        {
            using var response = await host.SendAsync(method ?? HttpMethod.Get, $"http://match.test:{port}{pathAndQuery}", headers);
            return (await EchoReply.ReadAsync(response)).Backend;
        }

        Assert.Equal("exact", await BackendFor("/exact"));
        Assert.Equal("exact", await BackendFor("/exact?x=1"));
        Assert.Equal("default", await BackendFor("/exact/"));
        Assert.Equal("default", await BackendFor("/EXACT"));

        // PathPrefix matches whole path elements; the trailing slash of the value is ignored.
        Assert.Equal("prefix", await BackendFor("/prefix"));
        Assert.Equal("prefix", await BackendFor("/prefix/"));
        Assert.Equal("prefix", await BackendFor("/prefix/deep/er"));
        Assert.Equal("default", await BackendFor("/prefixed"));

        Assert.Equal("regex", await BackendFor("/re/123"));
        Assert.Equal("default", await BackendFor("/re/abc"));
        Assert.Equal("default", await BackendFor("/re/123/more"));

        // Header names are case-insensitive, values are not.
        Assert.Equal("header", await BackendFor("/x", null, ("x-env", "canary")));
        Assert.Equal("header", await BackendFor("/x", null, ("X-ENV", "canary")));
        Assert.Equal("default", await BackendFor("/x", null, ("x-env", "Canary")));
        Assert.Equal("header-re", await BackendFor("/x", null, ("x-ver", "v12")));
        Assert.Equal("default", await BackendFor("/x", null, ("x-ver", "v12-beta")));

        // Query parameter names and values are case-sensitive.
        Assert.Equal("query", await BackendFor("/x?tier=gold"));
        Assert.Equal("query", await BackendFor("/x?a=b&tier=gold"));
        Assert.Equal("default", await BackendFor("/x?tier=silver"));
        Assert.Equal("default", await BackendFor("/x?TIER=gold"));
        Assert.Equal("query-re", await BackendFor("/x?id=42"));
        Assert.Equal("default", await BackendFor("/x?id=4a"));

        // Matches of one rule are ORed; the conditions inside one match are ANDed.
        Assert.Equal("method", await BackendFor("/anything", HttpMethod.Post));
        Assert.Equal("method", await BackendFor("/or"));
        Assert.Equal("and", await BackendFor("/and?and=1", HttpMethod.Put, ("x-and", "1")));
        Assert.Equal("default", await BackendFor("/and?and=1", HttpMethod.Put));
        Assert.Equal("default", await BackendFor("/and", HttpMethod.Put, ("x-and", "1")));
        Assert.Equal("method", await BackendFor("/and?and=1", HttpMethod.Post, ("x-and", "1")));

        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://other.test:{port}/exact"));
    }

    [Fact]
    public async Task Serve_RulesOfSeveralRoutes_FollowSpecPrecedence()
    {
        await using var echoes = await Echoes.StartAsync(PrecedenceBackends);
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            [
                GatewayClass(),
                HttpGateway("apps", "web", address, port),
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: older, namespace: apps, creationTimestamp: "2024-01-01T00:00:00Z"}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - matches: [{path: {value: /api}}]
                    backendRefs: [{name: a, port: 80}]
                  - matches: [{path: {value: /api}, headers: [{name: x-a, value: "1"}]}]
                    backendRefs: [{name: b, port: 80}]
                  - matches: [{path: {value: /api}, method: POST}]
                    backendRefs: [{name: c, port: 80}]
                """,
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: newer, namespace: apps, creationTimestamp: "2024-06-01T00:00:00Z"}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - matches: [{path: {value: /api}}]
                    backendRefs: [{name: h, port: 80}]
                  - matches: [{path: {type: Exact, value: /api/users}}]
                    backendRefs: [{name: d, port: 80}]
                  - matches: [{path: {value: /api/v2}}]
                    backendRefs: [{name: e, port: 80}]
                  - matches: [{path: {value: /api}, headers: [{name: x-a, value: "1"}, {name: x-b, value: "2"}]}]
                    backendRefs: [{name: f, port: 80}]
                  - matches: [{path: {value: /api}, queryParams: [{name: q, value: "1"}]}]
                    backendRefs: [{name: g, port: 80}]
                """,
                Tie("tie-b"),
                Tie("tie-a"),
                .. PrecedenceBackends.Select(b => Backend("apps", b, 80, echoes[b])),
            ]));

        async Task<string> BackendFor(string pathAndQuery, HttpMethod? method = null, params (string, string)[] headers)
        {
            using var response = await host.SendAsync(method ?? HttpMethod.Get, $"http://any.test:{port}{pathAndQuery}", headers);
            return (await EchoReply.ReadAsync(response)).Backend;
        }

        // Exact beats any prefix, then the longest prefix, then method, header count, query count, then the oldest route.
        Assert.Equal("d", await BackendFor("/api/users", HttpMethod.Post, ("x-a", "1"), ("x-b", "2")));
        Assert.Equal("e", await BackendFor("/api/v2/items?q=1", HttpMethod.Post));
        Assert.Equal("c", await BackendFor("/api/x?q=1", HttpMethod.Post, ("x-a", "1"), ("x-b", "2")));
        Assert.Equal("f", await BackendFor("/api/x?q=1", null, ("x-a", "1"), ("x-b", "2")));
        Assert.Equal("b", await BackendFor("/api/x?q=1", null, ("x-a", "1")));
        Assert.Equal("g", await BackendFor("/api/x?q=1"));
        Assert.Equal("a", await BackendFor("/api/x"));
        Assert.Equal("a", await BackendFor("/api/users/1"));

        // Same creationTimestamp: alphabetical by namespace/name.
        Assert.Equal("tie-a", await BackendFor("/tie"));

        // No rule of any route matches.
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://any.test:{port}/other"));
    }

    private static string Tie(string name) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{name}}, namespace: apps, creationTimestamp: "2024-03-01T00:00:00Z"}
        spec:
          parentRefs: [{name: web}]
          rules:
          - matches:
            - path: {value: /tie}
            backendRefs: [{name: {{name}}, port: 80}]
        """;
}
