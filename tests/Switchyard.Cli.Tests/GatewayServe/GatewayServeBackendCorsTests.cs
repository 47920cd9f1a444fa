using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// A CORS filter on a backendRef runs only for requests given to that backend ("executed if and only if the request
/// is being forwarded to the backend defined here"): the backend is chosen by weight first, preflights included, so
/// a preflight given to the backend with the filter is answered by the gateway with its policy, and one given to a
/// backend without it goes to the rule's policy, or (none here) is forwarded like any request.
/// </summary>
public sealed class GatewayServeBackendCorsTests
{
    private const int Requests = 60;

    [Fact]
    public async Task Serve_BackendRefCors_AppliesOnlyWhenThatBackendIsChosen()
    {
        await using var echoes = await Echoes.StartAsync("with-cors", "without-cors", "rule-cors");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: cors, namespace: apps}
            spec:
              parentRefs: [{name: web}]
              rules:
              - matches: [{path: {value: /split}}]
                backendRefs:
                - name: with-cors
                  port: 80
                  filters:
                  - type: CORS
                    cors: {allowOrigins: ["https://app.example.com"], allowMethods: [PUT], exposeHeaders: [x-backend]}
                - {name: without-cors, port: 80}
              - matches: [{path: {value: /override}}]
                filters:
                - type: CORS
                  cors: {allowOrigins: ["https://rule.example.com"]}
                backendRefs:
                - name: with-cors
                  port: 80
                  filters:
                  - type: CORS
                    cors: {allowOrigins: ["https://app.example.com"]}
                - {name: rule-cors, port: 80}
            """,
            Backend("apps", "with-cors", 80, echoes["with-cors"]),
            Backend("apps", "without-cors", 80, echoes["without-cors"]),
            Backend("apps", "rule-cors", 80, echoes["rule-cors"])));

        // Preflights: the gateway answers those given to with-cors; the others reach without-cors.
        var (answered, forwarded) = (0, 0);
        for (var i = 0; i < Requests; i++)
        {
            using var preflight = await host.SendAsync(
                HttpMethod.Options,
                $"http://cors.test:{port}/split",
                ("Origin", "https://app.example.com"),
                ("Access-Control-Request-Method", "PUT"));
            if (preflight.StatusCode == HttpStatusCode.NoContent)
            {
                answered++;
                Assert.Equal("https://app.example.com", Header(preflight, "Access-Control-Allow-Origin"));
                Assert.Equal("PUT", Header(preflight, "Access-Control-Allow-Methods"));
            }
            else
            {
                forwarded++;
                Assert.Equal(HttpStatusCode.OK, preflight.StatusCode);
                Assert.Equal("without-cors", (await EchoReply.ReadAsync(preflight)).Backend);
                Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
            }
        }

        // Equal weights: each outcome has probability 1/2, so missing one in 60 tries is a 2^-59 event.
        Assert.True(answered > 0 && forwarded > 0, $"answered {answered}, forwarded {forwarded}");

        // Simple requests: CORS headers exactly on the responses of the backend with the filter.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Requests; i++)
        {
            using var response = await host.GetAsync($"http://cors.test:{port}/split", ("Origin", "https://app.example.com"));
            var backend = (await EchoReply.ReadAsync(response)).Backend;
            seen.Add(backend);
            Assert.Equal(backend == "with-cors" ? "https://app.example.com" : null, Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal(backend == "with-cors" ? "x-backend" : null, Header(response, "Access-Control-Expose-Headers"));
        }

        Assert.Equal(2, seen.Count);

        // With a rule-level filter too, the backend's replaces it for that backend; the other backend gets the rule's.
        seen.Clear();
        for (var i = 0; i < Requests; i++)
        {
            using var fromRule = await host.GetAsync($"http://cors.test:{port}/override", ("Origin", "https://rule.example.com"));
            var backend = (await EchoReply.ReadAsync(fromRule)).Backend;
            seen.Add(backend);
            Assert.Equal(backend == "rule-cors" ? "https://rule.example.com" : null, Header(fromRule, "Access-Control-Allow-Origin"));
        }

        Assert.Equal(2, seen.Count);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
