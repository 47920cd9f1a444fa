using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// The HTTPRoute CORS filter served from manifests: real preflights and simple requests through the gateway, checked
/// against what the Gateway API specification (GEP-1767) requires of each response header.
/// </summary>
public sealed class GatewayServeCorsTests
{
    private const string Routes = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: cors, namespace: apps}
        spec:
          parentRefs: [{name: web}]
          rules:
          - matches: [{path: {value: /listed}}]
            filters:
            - type: CORS
              cors:
                allowOrigins: ["https://www.foo.com", "https://*.bar.com"]
                allowMethods: [GET, OPTIONS]
                allowHeaders: [x-header-1, x-header-2]
                exposeHeaders: [x-header-3, x-header-4]
                allowCredentials: true
                maxAge: 3600
            backendRefs: [{name: web, port: 80}]
          - matches: [{path: {value: /any-origin}}]
            filters:
            - type: CORS
              cors:
                allowOrigins: ["*"]
                allowMethods: [PUT]
                allowCredentials: false
            backendRefs: [{name: web, port: 80}]
          - matches: [{path: {value: /wildcards}}]
            filters:
            - type: CORS
              cors:
                allowOrigins: ["*"]
                allowMethods: ["*"]
                allowHeaders: ["*"]
                allowCredentials: true
            backendRefs: [{name: web, port: 80}]
          - matches: [{path: {value: /no-endpoints}}]
            filters:
            - type: CORS
              cors:
                allowOrigins: ["https://www.foo.com"]
            backendRefs: [{name: empty, port: 80}]
          - matches: [{path: {value: /plain}}]
            backendRefs: [{name: web, port: 80}]
        """;

    private const string EmptyService = """
        apiVersion: v1
        kind: Service
        metadata: {name: empty, namespace: apps}
        spec:
          ports:
          - {name: http, port: 80}
        """;

    [Fact]
    public async Task Serve_CorsPreflights_AnsweredByTheGatewayWithTheRouteHeaders()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var (host, port) = await StartAsync(echoes);
        await using (host)
        {
            // Exact origin, "*." matching one label, and matching several.
            foreach (var origin in new[] { "https://www.foo.com", "https://www.bar.com", "https://xpto.www.bar.com" })
            {
                using var preflight = await host.SendAsync(
                    HttpMethod.Options,
                    $"http://cors.test:{port}/listed",
                    ("Origin", origin),
                    ("Access-Control-Request-Method", "GET"),
                    ("Access-Control-Request-Headers", "x-header-1, x-header-2"));
                Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
                Assert.Equal(origin, Header(preflight, "Access-Control-Allow-Origin"));
                Assert.Equal("GET, OPTIONS", Header(preflight, "Access-Control-Allow-Methods"));
                Assert.Equal("x-header-1, x-header-2", Header(preflight, "Access-Control-Allow-Headers"));
                Assert.Equal("x-header-3, x-header-4", Header(preflight, "Access-Control-Expose-Headers"));
                Assert.Equal("3600", Header(preflight, "Access-Control-Max-Age"));
                Assert.Equal("true", Header(preflight, "Access-Control-Allow-Credentials"));
                Assert.Equal("Origin", Header(preflight, "Vary"));
            }

            // An origin not allowed gets an OK answer without CORS headers, from the gateway too.
            using var foreign = await host.SendAsync(
                HttpMethod.Options, $"http://cors.test:{port}/listed", ("Origin", "https://foobar.com"), ("Access-Control-Request-Method", "GET"));
            Assert.Equal(HttpStatusCode.NoContent, foreign.StatusCode);
            Assert.Null(Header(foreign, "Access-Control-Allow-Origin"));
            Assert.Null(Header(foreign, "Access-Control-Allow-Credentials"));

            // "*" without credentials: "*" for the origin (ports included), the listed method.
            using var any = await host.SendAsync(
                HttpMethod.Options, $"http://cors.test:{port}/any-origin", ("Origin", "https://foobar.com:12345"), ("Access-Control-Request-Method", "PUT"));
            Assert.Equal(HttpStatusCode.NoContent, any.StatusCode);
            Assert.Equal("*", Header(any, "Access-Control-Allow-Origin"));
            Assert.Equal("PUT", Header(any, "Access-Control-Allow-Methods"));
            Assert.Equal("5", Header(any, "Access-Control-Max-Age"));
            Assert.Null(Header(any, "Access-Control-Allow-Credentials"));

            // Wildcards with credentials: never "*", what was asked for is echoed.
            using var wild = await host.SendAsync(
                HttpMethod.Options,
                $"http://cors.test:{port}/wildcards",
                ("Origin", "https://other.foo.com"),
                ("Access-Control-Request-Method", "PUT"),
                ("Access-Control-Request-Headers", "x-header-1, x-header-2"));
            Assert.Equal(HttpStatusCode.NoContent, wild.StatusCode);
            Assert.Equal("https://other.foo.com", Header(wild, "Access-Control-Allow-Origin"));
            Assert.Equal("PUT", Header(wild, "Access-Control-Allow-Methods"));
            Assert.Equal("x-header-1, x-header-2", Header(wild, "Access-Control-Allow-Headers"));
            Assert.Equal("true", Header(wild, "Access-Control-Allow-Credentials"));

            // No preflight reached the backend; a plain OPTIONS (no Access-Control-Request-Method) does.
            using var plainOptions = await host.SendAsync(HttpMethod.Options, $"http://cors.test:{port}/listed", ("Origin", "https://www.foo.com"));
            Assert.Equal(HttpStatusCode.OK, plainOptions.StatusCode);
            Assert.Equal("https://www.foo.com", Header(plainOptions, "Access-Control-Allow-Origin"));
            Assert.Equal(1, echoes["web"].Received.Count(r => r.Method == "OPTIONS"));
        }
    }

    [Fact]
    public async Task Serve_CorsSimpleRequests_ForwardedWithHeadersOnlyForAllowedOrigins()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var (host, port) = await StartAsync(echoes);
        await using (host)
        {
            using var allowed = await host.GetAsync($"http://cors.test:{port}/listed", ("Origin", "https://www.bar.com"));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("web", (await EchoReply.ReadAsync(allowed)).Backend);
            Assert.Equal("https://www.bar.com", Header(allowed, "Access-Control-Allow-Origin"));
            Assert.Equal("true", Header(allowed, "Access-Control-Allow-Credentials"));
            Assert.Equal("x-header-3, x-header-4", Header(allowed, "Access-Control-Expose-Headers"));
            Assert.Null(Header(allowed, "Access-Control-Allow-Methods"));

            using var foreign = await host.GetAsync($"http://cors.test:{port}/listed", ("Origin", "https://foobar.com"));
            Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
            Assert.Null(Header(foreign, "Access-Control-Allow-Origin"));

            using var put = await host.SendAsync(HttpMethod.Put, $"http://cors.test:{port}/any-origin", ("Origin", "https://foobar.com:12345"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("*", Header(put, "Access-Control-Allow-Origin"));
            Assert.Null(Header(put, "Access-Control-Allow-Credentials"));

            using var credentialed = await host.GetAsync($"http://cors.test:{port}/wildcards", ("Origin", "https://other.foo.com"));
            Assert.Equal("https://other.foo.com", Header(credentialed, "Access-Control-Allow-Origin"));
            Assert.Equal("true", Header(credentialed, "Access-Control-Allow-Credentials"));

            // The gateway's own error answers carry the headers too, so that the page can read them.
            using var unavailable = await host.GetAsync($"http://cors.test:{port}/no-endpoints", ("Origin", "https://www.foo.com"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal("https://www.foo.com", Header(unavailable, "Access-Control-Allow-Origin"));

            // Rules without the filter are untouched, preflights included.
            using var plain = await host.SendAsync(
                HttpMethod.Options, $"http://cors.test:{port}/plain", ("Origin", "https://www.foo.com"), ("Access-Control-Request-Method", "GET"));
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Null(Header(plain, "Access-Control-Allow-Origin"));
            Assert.Equal("OPTIONS", (await EchoReply.ReadAsync(plain)).Method);
        }
    }

    private static async Task<(ServeHost Host, int Port)> StartAsync(Echoes echoes)
    {
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            Routes,
            Backend("apps", "web", 80, echoes["web"]),
            EmptyService));
        return (host, port);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
