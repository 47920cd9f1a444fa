using System.Net;

namespace Switchyard.Ingress.Tests;

/// <summary>The ingress-nginx annotations Switchyard honours, each over real sockets.</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressAnnotationTests(EchoBackends echo)
{
    [Theory]
    [InlineData("http://rewrite.example.com/something", "/")]
    [InlineData("http://rewrite.example.com/something/", "/")]
    [InlineData("http://rewrite.example.com/something/new?x=1", "/new?x=1")]
    [InlineData("http://rewrite.example.com/SOMETHING/new", "/new")]
    [InlineData("http://rewrite.example.com/strip/a/b", "/")]
    [InlineData("http://rewrite.example.com/v1/items/7", "/items/v1/7")]
    public async Task RewriteTarget_CaptureGroups_PathSentUpstream(string url, string upstreamPath)
    {
        await using var ingress = await IngressHarness.StartAsync(echo, """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: capture
              namespace: apps
              annotations:
                nginx.ingress.kubernetes.io/use-regex: "true"
                nginx.ingress.kubernetes.io/rewrite-target: /$2
            spec:
              rules:
              - host: rewrite.example.com
                http:
                  paths:
                  - {path: /something(/|$)(.*), pathType: ImplementationSpecific, backend: {service: {name: a, port: {number: 80}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: strip
              namespace: apps
              annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}
            spec:
              rules:
              - host: rewrite.example.com
                http:
                  paths:
                  - {path: /strip, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: swap
              namespace: apps
              annotations: {switchyard.dev/rewrite-target: "/items/$1/$2"}
            spec:
              rules:
              - host: rewrite.example.com
                http:
                  paths:
                  - {path: "/(v[0-9]+)/items/(.*)", pathType: ImplementationSpecific, backend: {service: {name: a, port: {number: 80}}}}
            """);

        Assert.Equal(upstreamPath, (await ingress.EchoAsync(url)).Path);
    }

    [Fact]
    public async Task AppRoot_RequestForRoot_302ToTheAppKeepingHost()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/app-root: /app1", "/", "Prefix"));

        using var root = await ingress.GetAsync("http://annotated.example.com:8080/");

        Assert.Equal(HttpStatusCode.Found, root.StatusCode);
        Assert.Equal("http://annotated.example.com:8080/app1", root.Headers.Location?.OriginalString);
        Assert.Equal("/app1", (await ingress.EchoAsync("http://annotated.example.com/app1")).Path);
    }

    [Fact]
    public async Task ProxyBodySize_LargerBody_413AndSmallerForwarded()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/proxy-body-size: 1k"));

        using var large = await ingress.Client.PostAsync("http://annotated.example.com/", new ByteArrayContent(new byte[1025]));
        using var small = await ingress.Client.PostAsync("http://annotated.example.com/", new ByteArrayContent(new byte[1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task ProxyBodySize_ChunkedBodyOverTheLimit_413()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/proxy-body-size: 1k"));
        var content = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://annotated.example.com/") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("X-Echo-Delay-Ms", "500");

        using var response = await ingress.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("192.0.2.0/24, 2001:db8::/32", HttpStatusCode.Forbidden)]
    [InlineData("192.0.2.0/24, 127.0.0.0/8", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("nonsense", HttpStatusCode.ServiceUnavailable)]
    public async Task AllowlistSourceRange_Client_AllowedOrForbidden(string ranges, HttpStatusCode expected)
    {
        await using var ingress = await IngressHarness.StartAsync(Single($"nginx.ingress.kubernetes.io/whitelist-source-range: \"{ranges}\""));

        Assert.Equal(expected, await ingress.StatusAsync("http://annotated.example.com/"));
    }

    [Fact]
    public async Task EnableCors_PreflightAnsweredAndResponsesCarryHeaders()
    {
        var annotations = """
            nginx.ingress.kubernetes.io/enable-cors: "true"
                nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com, https://*.example.org"
                nginx.ingress.kubernetes.io/cors-expose-headers: "X-Total"
            """;
        await using var ingress = await IngressHarness.StartAsync(Single(annotations));

        using var preflight = await ingress.SendAsync(HttpMethod.Options, "http://annotated.example.com/api", ("Origin", "https://a.example.org"), ("Access-Control-Request-Method", "PUT"));
        using var actual = await ingress.GetAsync("http://annotated.example.com/api", ("Origin", "https://app.example.com"));
        using var foreign = await ingress.GetAsync("http://annotated.example.com/api", ("Origin", "https://evil.example.net"));
        using var foreignPreflight = await ingress.SendAsync(HttpMethod.Options, "http://annotated.example.com/api", ("Origin", "https://a.b.example.org"));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("https://a.example.org", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal("GET, PUT, POST, DELETE, PATCH, OPTIONS", Header(preflight, "Access-Control-Allow-Methods"));
        Assert.Equal("true", Header(preflight, "Access-Control-Allow-Credentials"));
        Assert.Equal("1728000", Header(preflight, "Access-Control-Max-Age"));
        Assert.Equal(0, echo.A.Received.Count(r => r.Method == "OPTIONS" && r.Headers.GetValueOrDefault("Origin") == "https://a.example.org"));
        Assert.Equal("https://app.example.com", Header(actual, "Access-Control-Allow-Origin"));
        Assert.Equal("X-Total", Header(actual, "Access-Control-Expose-Headers"));
        Assert.Null(Header(foreign, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, foreignPreflight.StatusCode);
    }

    [Fact]
    public async Task ProxyReadTimeout_SlowBackend_504()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/proxy-read-timeout: \"1\""));

        Assert.Equal(HttpStatusCode.GatewayTimeout, await ingress.StatusAsync("http://annotated.example.com/", ("X-Echo-Delay-Ms", "3000")));
        Assert.Equal(HttpStatusCode.OK, await ingress.StatusAsync("http://annotated.example.com/", ("X-Echo-Delay-Ms", "100")));
    }

    [Fact]
    public async Task BackendProtocolGrpc_ForwardedOverH2c()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/backend-protocol: GRPC"));

        Assert.Equal("HTTP/2", (await ingress.EchoAsync("http://annotated.example.com/svc/Method")).Protocol);
    }

    [Fact]
    public async Task BackendProtocolHttps_SelfSignedBackendAccepted()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/backend-protocol: HTTPS", service: "s", port: 443));

        var reply = await ingress.EchoAsync("http://annotated.example.com/tls");

        Assert.Equal("s", reply.Backend);
    }

    [Fact]
    public async Task UpstreamVhostAndForwardedPrefix_SentUpstream()
    {
        var annotations = """
            nginx.ingress.kubernetes.io/upstream-vhost: internal.example.com
                nginx.ingress.kubernetes.io/x-forwarded-prefix: /annotated
            """;
        await using var ingress = await IngressHarness.StartAsync(Single(annotations));

        var reply = await ingress.EchoAsync("http://annotated.example.com/");

        Assert.Equal("internal.example.com", reply.Host);
        Assert.Equal("annotated.example.com", reply.Headers["X-Forwarded-Host"]);
        Assert.Equal("/annotated", reply.Headers["X-Forwarded-Prefix"]);
    }

    [Theory]
    [InlineData("nginx.ingress.kubernetes.io/permanent-redirect: https://new.example.com/", HttpStatusCode.MovedPermanently, "https://new.example.com/")]
    [InlineData("nginx.ingress.kubernetes.io/permanent-redirect: https://new.example.com/\n    nginx.ingress.kubernetes.io/permanent-redirect-code: \"308\"", HttpStatusCode.PermanentRedirect, "https://new.example.com/")]
    [InlineData("nginx.ingress.kubernetes.io/temporal-redirect: http://down.example.com/sorry", HttpStatusCode.Found, "http://down.example.com/sorry")]
    [InlineData("nginx.ingress.kubernetes.io/temporal-redirect: http://down.example.com/\n    nginx.ingress.kubernetes.io/temporal-redirect-code: \"307\"", HttpStatusCode.TemporaryRedirect, "http://down.example.com/")]
    public async Task FixedRedirects_EveryPath_LocationAsGiven(string annotations, HttpStatusCode status, string location)
    {
        await using var ingress = await IngressHarness.StartAsync(Single(annotations));

        using var response = await ingress.GetAsync("http://annotated.example.com/some/path?q=1");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Snippets_NeverExecuted_ServedWithWarning()
    {
        var annotations = """
            nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers 'X-Snippet: ran';"
                nginx.ingress.kubernetes.io/server-snippet: "return 418;"
            """;
        await using var ingress = await IngressHarness.StartAsync(Single(annotations));

        using var response = await ingress.GetAsync("http://annotated.example.com/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Snippet"));
        Assert.Contains(ingress.Warnings, w => w.Contains("configuration-snippet", StringComparison.Ordinal) && w.Contains("never executed", StringComparison.Ordinal));
        Assert.Contains(ingress.Warnings, w => w.Contains("server-snippet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnsupportedAuthentication_FailsClosedWith503()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/auth-type: basic"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ingress.StatusAsync("http://annotated.example.com/"));
    }

    [Fact]
    public async Task UnknownAnnotation_Warned()
    {
        await using var ingress = await IngressHarness.StartAsync(Single("nginx.ingress.kubernetes.io/make-it-fast: \"true\""));

        Assert.Equal("a", await ingress.BackendAsync("http://annotated.example.com/"));
        Assert.Contains(ingress.Warnings, w => w.Contains("make-it-fast", StringComparison.Ordinal) && w.Contains("unknown annotation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SwitchyardPrefix_OverridesNginxPrefix()
    {
        var annotations = """
            nginx.ingress.kubernetes.io/whitelist-source-range: 192.0.2.0/24
                switchyard.dev/whitelist-source-range: 127.0.0.0/8
            """;
        await using var ingress = await IngressHarness.StartAsync(Single(annotations));

        Assert.Equal(HttpStatusCode.OK, await ingress.StatusAsync("http://annotated.example.com/"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    // One Ingress for annotated.example.com with the given annotations (lines after the first indented by four spaces).
    private string Single(string annotations, string path = "/", string pathType = "Prefix", string service = "a", int port = 80) =>
        IngressHarness.Manifests(echo, $$"""
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: annotated
          namespace: apps
          annotations:
            {{annotations}}
        spec:
          rules:
          - host: annotated.example.com
            http:
              paths:
              - path: "{{path}}"
                pathType: {{pathType}}
                backend:
                  service:
                    name: {{service}}
                    port: {number: {{port}} }
        """);
}
