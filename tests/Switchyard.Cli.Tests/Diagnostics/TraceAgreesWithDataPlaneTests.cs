using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Commands;
using Switchyard.Cli.Serving;
using Switchyard.Cli.Tests.Serving;
using Switchyard.Diagnostics.Check;
using Switchyard.Diagnostics.Trace;
using Switchyard.Gateway.Echo;
using Switchyard.Translation;

namespace Switchyard.Cli.Tests.Diagnostics;

/// <summary>
/// <c>trace</c> and the live data plane on the same manifests: a real in-process <c>serve</c> (Gateway and Ingress
/// listeners on loopback) forwards to real echo backends on 127.0.0.x, one per Service, and every rule stamps its
/// identity on the request (<c>x-sy-rule</c>). For a generated set of requests (hosts, paths, methods, headers, query
/// strings) the route, rule and backend Service the gateway used, the upstream path, and the status of answers the
/// gateway makes itself (404, redirects, 500) must be what <c>trace</c> predicts; for a weighted split the backend must be
/// one of those trace lists. gRPC calls (HTTP/2 with prior knowledge, POST, <c>application/grpc</c>, a framed message)
/// through a GRPCRoute are checked the same way: the rule and backend trace predicts, or the gRPC status
/// (UNIMPLEMENTED, UNAVAILABLE) the gateway answers with instead.
/// </summary>
public sealed class TraceAgreesWithDataPlaneTests : IAsyncLifetime
{
    private static readonly string[] Services = ["cart", "cart-read", "staging", "beta", "items", "api", "web-a", "web-b", "wild", "ing-a", "ing-b"];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-trace-live-");
    private readonly List<EchoServer> _echoes = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    // Sends HTTP/2 with prior knowledge over cleartext (h2c) when a request asks for exactly 2.0, as a gRPC client talks
    // to a plain HTTP listener.
    private readonly HttpClient _h2c = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private RunningServer? _running;
    private TranslatorOptions _options = new();
    private string _manifests = string.Empty;
    private int _gatewayPort;
    private int _ingressPort;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < Services.Length; i++)
        {
            _echoes.Add(await EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0." + (71 + i).ToString(CultureInfo.InvariantCulture)), 0), Services[i]));
        }

        _gatewayPort = FreePort();
        _ingressPort = FreePort();
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "manifests"));
        _manifests = manifests.FullName;
        await File.WriteAllTextAsync(Path.Combine(_manifests, "all.yaml"), Manifest());
        _options = new TranslatorOptions
        {
            BindAddress = "127.0.0.1",
            IngressHttp = new IPEndPoint(IPAddress.Loopback, _ingressPort),
            IngressHttps = null,
        };
        _running = await RunningServer.StartAsync(new SwitchyardServer(
            new ServeOptions { Files = [_manifests], Watch = false, Admin = new IPEndPoint(IPAddress.Loopback, 0), Dns = null, Translator = _options },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            new StringWriter()));
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        foreach (var echo in _echoes)
        {
            await echo.DisposeAsync();
        }

        _http.Dispose();
        _h2c.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Trace_GeneratedRequests_PicksWhatTheGatewayServes()
    {
        Assert.True(_running!.Server.IsReady);
        var (context, load) = TraceCommand.Load([_manifests], _options, TimeProvider.System);
        Assert.Empty(load.Errors);
        var findings = CheckRunner.Run(context);
        var requests = Generate().ToList();
        Assert.True(requests.Count >= 500, "only " + requests.Count + " requests");
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (url, method, headers) in requests)
        {
            var request = TraceRequest.Parse(url, out var error)!.WithHeaders(headers, out error)! with { Method = method };
            Assert.Null(error);
            var report = TraceWalker.Run(context, request, _options.ClusterDomain, findings);
            var live = await SendAsync(request);
            var outcome = Compare(report, live, $"{method} {url} [{string.Join("; ", headers)}]");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The generated set covers every kind of outcome, so that no comparison branch went untested.
        foreach (var kind in new[] { "served", "split", "404", "redirect", "500", "ingress" })
        {
            Assert.True(outcomes.GetValueOrDefault(kind) >= 5, $"{kind}: {outcomes.GetValueOrDefault(kind)} of {requests.Count}");
        }
    }

    [Fact]
    public async Task Trace_GeneratedGrpcCalls_PicksWhatTheGatewayServes()
    {
        Assert.True(_running!.Server.IsReady);
        var (context, load) = TraceCommand.Load([_manifests], _options, TimeProvider.System);
        Assert.Empty(load.Errors);
        var findings = CheckRunner.Run(context);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var calls = GenerateGrpc().ToList();
        foreach (var (url, metadata) in calls)
        {
            var request = TraceRequest.Parse(url, out var error)!.WithHeaders(metadata, out error)!;
            Assert.Null(error);
            Assert.True(request.Grpc);
            var report = TraceWalker.Run(context, request, _options.ClusterDomain, findings);
            var live = await SendGrpcAsync(request);
            var outcome = CompareGrpc(report, live, $"{url} [{string.Join("; ", metadata)}]");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        foreach (var kind in new[] { "served", "split", "UNIMPLEMENTED", "UNAVAILABLE" })
        {
            Assert.True(outcomes.GetValueOrDefault(kind) >= 5, $"{kind}: {outcomes.GetValueOrDefault(kind)} of {calls.Count}");
        }
    }

    /// <summary>A gRPC call: what trace says against what the gateway did (a gRPC status, or a backend and rule).</summary>
    private static string CompareGrpc(TraceReport report, Live live, string what)
    {
        Assert.True(live.Status == 200, $"{what}: a gRPC call always gets HTTP 200, got {live.Status}");
        var route = report.Hops.FirstOrDefault(h => h.Kind == "route");
        Assert.True(route is not null, what + ": no route hop\n" + Diagnostics(report));
        if (route.Result == HopResult.Failed)
        {
            Assert.True(live.GrpcStatus == 12, $"{what}: trace says UNIMPLEMENTED, the gateway answered grpc-status {live.GrpcStatus}\n{Diagnostics(report)}");
            Assert.Equal(12, route.Data["grpcStatus"]!.GetValue<int>());
            return "UNIMPLEMENTED";
        }

        var routeName = route.Data["route"]!.GetValue<string>();
        var ruleIndex = route.Data["ruleIndex"]!.GetValue<int>();
        var filters = report.Hops.First(h => h.Kind == "filters");
        if (filters.Data["grpcStatus"] is { } direct)
        {
            Assert.True(live.GrpcStatus == direct.GetValue<int>(), $"{what}: trace says grpc-status {direct}, the gateway answered {live.GrpcStatus}\n{Diagnostics(report)}");
            return direct.GetValue<int>() == 14 ? "UNAVAILABLE" : "direct";
        }

        var backend = report.Hops.First(h => h.Kind == "backend");
        var services = backend.Data["backends"]!.AsArray().Where(b => b!["weight"]!.GetValue<int>() > 0).Select(b => BackendService(b!["cluster"]!.GetValue<string>())).ToList();
        Assert.True(live.GrpcStatus is null && live.Backend is not null, $"{what}: trace says served by {string.Join(", ", services)} ({routeName} rule {ruleIndex}), the gateway answered grpc-status {live.GrpcStatus}\n{Diagnostics(report)}");
        Assert.True(report.Served, what + "\n" + Diagnostics(report));
        Assert.Contains(live.Backend, services);
        Assert.Equal($"{routeName}/{ruleIndex.ToString(CultureInfo.InvariantCulture)}", live.Rule);
        Assert.Equal(filters.Data["path"]!.GetValue<string>(), live.Path);
        return services.Count > 1 ? "split" : "served";
    }

    private static string Compare(TraceReport report, Live live, string what)
    {
        var route = report.Hops.FirstOrDefault(h => h.Kind == "route");
        Assert.True(route is not null, what + ": no route hop\n" + Diagnostics(report));
        if (route.Result == HopResult.Failed)
        {
            Assert.True(live.Status == 404, $"{what}: trace says 404, the gateway answered {live.Status}\n{Diagnostics(report)}");
            return "404";
        }

        var routeName = route.Data["route"]!.GetValue<string>();
        var ruleIndex = route.Data["ruleIndex"]!.GetValue<int>();
        var filters = report.Hops.First(h => h.Kind == "filters");
        if (filters.Data["location"] is { } location)
        {
            Assert.Equal(filters.Data["status"]!.GetValue<int>(), live.Status);
            Assert.Equal(location.GetValue<string>(), live.Location);
            return "redirect";
        }

        if (filters.Data["status"] is { } direct)
        {
            // The gateway answers itself (e.g. 500 when no backendRef of the rule resolves).
            Assert.True(live.Status == direct.GetValue<int>(), $"{what}: trace says {direct}, the gateway answered {live.Status}\n{Diagnostics(report)}");
            return live.Status == 500 ? "500" : "direct";
        }

        var backend = report.Hops.First(h => h.Kind == "backend");
        var choices = backend.Data["backends"]!.AsArray().Where(b => b!["weight"]!.GetValue<int>() > 0).ToList();
        var services = choices.Select(b => BackendService(b!["cluster"]!.GetValue<string>())).ToList();
        if (choices.All(c => c!["status"]?.GetValue<int>() == 500))
        {
            Assert.True(live.Status == 500, $"{what}: trace says 500, the gateway answered {live.Status}\n{Diagnostics(report)}");
            return "500";
        }

        Assert.True(live.Status == 200, $"{what}: trace says served by {string.Join(", ", services)} ({routeName} rule {ruleIndex}), the gateway answered {live.Status}\n{Diagnostics(report)}");
        Assert.True(report.Served, what + "\n" + Diagnostics(report));
        if (live.Backend is null)
        {
            // HEAD: no body to read the backend from; the status agreed.
            return routeName.StartsWith("ing/", StringComparison.Ordinal) ? "ingress" : "served";
        }

        Assert.Contains(live.Backend, services);
        // The forwarder may unescape unreserved characters of the query (%74 → t): compare the decoded forms.
        Assert.Equal(
            Uri.UnescapeDataString(filters.Data["path"]!.GetValue<string>() + filters.Data["query"]?.GetValue<string>()),
            Uri.UnescapeDataString(live.Path!));
        if (routeName.StartsWith("ing/", StringComparison.Ordinal))
        {
            // Every Ingress path has its own Service: the backend names the rule.
            Assert.Single(services);
            return "ingress";
        }

        Assert.Equal($"{routeName}/{ruleIndex.ToString(CultureInfo.InvariantCulture)}", live.Rule);
        return services.Count > 1 ? "split" : "served";
    }

    private static string BackendService(string clusterId) => clusterId.Split('/')[2];

    private static string Diagnostics(TraceReport report) => Switchyard.Diagnostics.Output.TracePrinter.Text(report);

    private IEnumerable<(string Url, string Method, string[] Headers)> Generate()
    {
        var random = new Random(20260501);
        string[] hosts = ["shop.example.com", "SHOP.example.com", "x.example.com", "a.b.example.com", "api.test", "unknown.test"];
        string[] paths = ["/", "/cart", "/cart/1", "/carts", "/items/42", "/items/x", "/api/users", "/api", "/old/page", "/old", "/v2/x", "/v2", "/%63art"];
        string[] methods = ["GET", "POST", "PUT", "DELETE"];
        string[][] headers = [[], ["x-env: staging"], ["x-env: stage"], ["x-env: prod"], ["x-broken: 1"], ["x-env: staging", "x-broken: 1"]];
        string[] queries = [string.Empty, "?q=beta", "?q=alpha&x=1", "?x=1&q=beta", "?q=be%74a"];
        for (var i = 0; i < 560; i++)
        {
            var url = $"http://{Pick(hosts)}:{_gatewayPort}{Pick(paths)}{Pick(queries)}";
            yield return (url, Pick(methods), Pick(headers));
        }

        foreach (var path in new[] { "/a", "/a/", "/a/deep", "/ab", "/b", "/b/", "/b/c", "/", "/other" })
        {
            foreach (var method in new[] { "GET", "POST", "HEAD" })
            {
                yield return ($"http://ing.example.com:{_ingressPort}{path}", method, []);
                yield return ($"http://nothere.example.com:{_ingressPort}{path}", method, []);
            }
        }

        T Pick<T>(T[] values) => values[random.Next(values.Length)];
    }

    private IEnumerable<(string Url, string[] Metadata)> GenerateGrpc()
    {
        var random = new Random(20260502);
        string[] hosts = ["grpc.test", "grpc.test", "GRPC.test", "nothere.test", "api.test"];
        string[] services = ["shop.Cart", "shop.Orders", "other.Svc", "shop.Cartel"];
        string[] methods = ["Add", "Get", "List", "Delete", "Lookup"];
        string[][] metadata = [[], ["x-env: canary"], ["x-env: prod"]];
        for (var i = 0; i < 240; i++)
        {
            yield return ($"grpc://{Pick(hosts)}:{_gatewayPort}/{Pick(services)}/{Pick(methods)}", Pick(metadata));
        }

        T Pick<T>(T[] values) => values[random.Next(values.Length)];
    }

    /// <summary>
    /// Sends <paramref name="request"/> as a gRPC client does (h2c, POST, application/grpc, te: trailers, one empty framed
    /// message). The echo backends answer JSON, which is enough to see where the call went; an answer of the gateway
    /// itself carries its grpc-status in a trailers-only response.
    /// </summary>
    private async Task<Live> SendGrpcAsync(TraceRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{request.Port.ToString(CultureInfo.InvariantCulture)}{request.Path}")
        {
            Content = new ByteArrayContent(new byte[5]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        message.Headers.Host = request.Authority;
        message.Headers.TE.ParseAdd("trailers");
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _h2c.SendAsync(message);
        Assert.Equal(HttpVersion.Version20, response.Version);
        var body = await response.Content.ReadAsStringAsync();
        var grpcStatus = response.Headers.TryGetValues("grpc-status", out var values) || response.TrailingHeaders.TryGetValues("grpc-status", out values)
            ? int.Parse(values.Single(), CultureInfo.InvariantCulture)
            : (int?)null;
        if (grpcStatus is not null)
        {
            return new Live((int)response.StatusCode, null, null, null, null, grpcStatus);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var rule = root.GetProperty("headers").EnumerateObject()
            .FirstOrDefault(h => string.Equals(h.Name, "x-sy-rule", StringComparison.OrdinalIgnoreCase)).Value;
        return new Live((int)response.StatusCode, null, root.GetProperty("backend").GetString(), root.GetProperty("path").GetString(), rule.ValueKind == JsonValueKind.String ? rule.GetString() : null);
    }

    private async Task<Live> SendAsync(TraceRequest request)
    {
        // Sent as written, as curl does: no canonicalization of escapes in the path or query.
        var uri = new Uri(
            $"http://127.0.0.1:{request.Port.ToString(CultureInfo.InvariantCulture)}{request.Url[request.Url.IndexOf('/', 8)..]}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        message.Headers.Host = request.Authority;
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(message);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString;
        if (status != 200 || request.Method == "HEAD")
        {
            return new Live(status, location, null, null, null);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var rule = root.GetProperty("headers").EnumerateObject()
            .FirstOrDefault(h => string.Equals(h.Name, "x-sy-rule", StringComparison.OrdinalIgnoreCase)).Value;
        return new Live(status, location, root.GetProperty("backend").GetString(), root.GetProperty("path").GetString(), rule.ValueKind == JsonValueKind.String ? rule.GetString() : null);
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private string Manifest()
    {
        var docs = new List<string>
        {
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: switchyard}
            spec: {controllerName: switchyard.dev/gateway-controller}
            """,
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: shop}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: web, protocol: HTTP, port: {{_gatewayPort}}, hostname: "*.example.com"}
              - {name: api, protocol: HTTP, port: {{_gatewayPort}}, hostname: api.test}
              - {name: grpc, protocol: HTTP, port: {{_gatewayPort}}, hostname: grpc.test}
            """,
            GrpcRoute(),
            """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: switchyard
              annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
            spec: {controller: switchyard.dev/ingress-controller}
            """,
            Route("shop", ["shop.example.com"], """
            - matches: [{path: {type: Exact, value: /cart}, method: POST}]
              backendRefs: [{name: cart, port: 80}]
            - matches: [{path: {type: PathPrefix, value: /cart}}]
              backendRefs: [{name: cart-read, port: 80}]
            - matches: [{headers: [{name: x-env, type: RegularExpression, value: "stag(e|ing)"}]}]
              backendRefs: [{name: staging, port: 80}]
            - matches: [{queryParams: [{name: q, value: beta}]}]
              backendRefs: [{name: beta, port: 80}]
            - matches: [{path: {type: RegularExpression, value: "/items/[0-9]+"}}]
              filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /item}}}]
              backendRefs: [{name: items, port: 80}]
            - matches: [{path: {type: PathPrefix, value: /api}}]
              filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v1}}}]
              backendRefs: [{name: api, port: 80}]
            - backendRefs: [{name: web-a, port: 80, weight: 70}, {name: web-b, port: 80, weight: 30}]
            """),
            Route("wild", ["*.example.com"], """
            - matches: [{path: {type: PathPrefix, value: /}}]
              backendRefs: [{name: wild, port: 80}]
            - matches: [{path: {type: PathPrefix, value: /old}}]
              filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301, path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}}]
            - matches: [{headers: [{name: x-broken, value: "1"}]}]
              backendRefs: [{name: missing, port: 80}]
            """),
            Route("api", ["api.test"], """
            - matches: [{path: {type: PathPrefix, value: /v2}, method: GET}]
              backendRefs: [{name: api, port: 80}]
            - matches: [{path: {type: PathPrefix, value: /v2}, headers: [{name: x-env, value: prod}]}]
              backendRefs: [{name: web-b, port: 80}]
            """),
            """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: site, namespace: ing}
            spec:
              rules:
              - host: ing.example.com
                http:
                  paths:
                  - {path: /a, pathType: Prefix, backend: {service: {name: ing-a, port: {number: 80}}}}
                  - {path: /b, pathType: Exact, backend: {service: {name: ing-b, port: {number: 80}}}}
            """,
        };
        for (var i = 0; i < Services.Length; i++)
        {
            var ns = Services[i].StartsWith("ing-", StringComparison.Ordinal) ? "ing" : "shop";
            var echo = _echoes[i].EndPoint;
            docs.Add($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{Services[i]}}-0
                  namespace: {{ns}}
                  labels: {app.kubernetes.io/name: {{Services[i]}} }
                spec:
                  containers:
                  - name: echo
                    image: switchyard/echo
                    ports: [{name: http, containerPort: {{echo.Port}} }]
                status:
                  phase: Running
                  podIP: {{echo.Address}}
                  podIPs: [{ip: {{echo.Address}} }]
                  conditions: [{type: Ready, status: "True"}]
                """);
            docs.Add($$"""
                apiVersion: v1
                kind: Service
                metadata: {name: {{Services[i]}}, namespace: {{ns}} }
                spec:
                  selector: {app.kubernetes.io/name: {{Services[i]}} }
                  ports: [{name: http, port: 80, targetPort: http}]
                """);
        }

        return string.Join("\n---\n", docs) + "\n";
    }

    /// <summary>
    /// GRPCRoute shop/rpc on grpc.test; each rule with a backend sets <c>x-sy-rule: shop/rpc/index</c>. By the spec's
    /// precedence the RegularExpression rule (most service characters) comes first, then shop.Cart/Add, then shop.Cart
    /// with metadata, then shop.Cart, then Delete on any service (whose backend does not exist: UNAVAILABLE).
    /// </summary>
    private static string GrpcRoute() => """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: rpc, namespace: shop}
        spec:
          parentRefs: [{name: edge, sectionName: grpc}]
          hostnames: [grpc.test]
          rules:
          - matches: [{method: {service: shop.Cart, method: Add}}]
            filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-sy-rule, value: shop/rpc/0}]}}]
            backendRefs: [{name: cart, port: 80}]
          - matches: [{method: {service: shop.Cart}, headers: [{name: x-env, value: canary}]}]
            filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-sy-rule, value: shop/rpc/1}]}}]
            backendRefs: [{name: staging, port: 80}]
          - matches: [{method: {type: RegularExpression, service: "shop\\.Ord.*", method: "L.*"}}]
            filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-sy-rule, value: shop/rpc/2}]}}]
            backendRefs: [{name: items, port: 80, weight: 50}, {name: api, port: 80, weight: 50}]
          - matches: [{method: {method: Delete}}]
            backendRefs: [{name: missing, port: 80}]
          - matches: [{method: {service: shop.Cart}}]
            filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-sy-rule, value: shop/rpc/4}]}}]
            backendRefs: [{name: cart-read, port: 80}]
        """;

    /// <summary>An HTTPRoute on Gateway shop/edge whose every rule sets <c>x-sy-rule: route/index</c>.</summary>
    private static string Route(string name, string[] hostnames, string rules)
    {
        var stamped = new List<string>();
        var index = -1;
        foreach (var line in rules.Split('\n'))
        {
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                index++;
            }

            var stamp = $"{{type: RequestHeaderModifier, requestHeaderModifier: {{set: [{{name: x-sy-rule, value: \"shop/{name}/{index}\"}}]}}}}";
            if (line.StartsWith("- backendRefs:", StringComparison.Ordinal))
            {
                stamped.Add("- filters: [" + stamp + "]");
                stamped.Add("  " + line[2..]);
            }
            else if (line.StartsWith("  filters: [", StringComparison.Ordinal))
            {
                stamped.Add("  filters: [" + stamp + ", " + line["  filters: [".Length..]);
            }
            else if (line.StartsWith("  backendRefs:", StringComparison.Ordinal) && !stamped[^1].StartsWith("  filters:", StringComparison.Ordinal))
            {
                stamped.Add("  filters: [" + stamp + "]");
                stamped.Add(line);
            }
            else
            {
                stamped.Add(line);
            }
        }

        return $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: {{name}}, namespace: shop}
            spec:
              parentRefs: [{name: edge}]
              hostnames: [{{string.Join(", ", hostnames.Select(h => "\"" + h + "\""))}}]
              rules:
            {{string.Join("\n", stamped.Select(l => "  " + l))}}
            """;
    }

    private sealed record Live(int Status, string? Location, string? Backend, string? Path, string? Rule, int? GrpcStatus = null);
}
