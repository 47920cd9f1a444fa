using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>HTTPRoute filters from manifests: header modifiers, redirects, URL rewrites, mirrors, per-backendRef filters.</summary>
public sealed class GatewayServeFilterTests
{
    [Fact]
    public async Task Serve_HeaderModifiers_ChangeRequestAndResponseHeaders()
    {
        await using var echoes = await Echoes.StartAsync("web");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "headers", """
            - filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  set: [{name: x-set, value: one}]
                  add: [{name: x-add, value: two}]
                  remove: [x-remove]
              - type: ResponseHeaderModifier
                responseHeaderModifier:
                  set: [{name: content-type, value: application/x-switchyard}]
                  add: [{name: x-served-by, value: switchyard}]
              backendRefs: [{name: web, port: 80}]
            """),
            Backend("apps", "web", 80, echoes["web"]));
        var port = host.Port;

        using var response = await host.GetAsync(
            $"http://headers.test:{port}/", ("x-set", "client"), ("x-add", "client"), ("x-remove", "gone"), ("x-keep", "kept"));
        var reply = await EchoReply.ReadAsync(response);
        Assert.Equal("one", reply.Headers["x-set"]);
        Assert.Equal("client, two", reply.Headers["x-add"]);
        Assert.False(reply.Headers.ContainsKey("x-remove"));
        Assert.Equal("kept", reply.Headers["x-keep"]);
        Assert.Equal("application/x-switchyard", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["switchyard"], response.Headers.GetValues("x-served-by"));

        // Without the client's headers: set and add both create them.
        var bare = await host.EchoAsync($"http://headers.test:{port}/");
        Assert.Equal("one", bare.Headers["x-set"]);
        Assert.Equal("two", bare.Headers["x-add"]);
    }

    [Theory]
    [InlineData("/scheme/a?q=1", 302, "https://redirect.test/scheme/a?q=1")]
    [InlineData("/host/a", 301, "http://new.test:{port}/host/a")]
    [InlineData("/port/a", 302, "https://redirect.test:8443/port/a")]
    [InlineData("/port443/a", 302, "https://redirect.test/port443/a")]
    [InlineData("/port80/a", 302, "http://redirect.test/port80/a")]
    [InlineData("/full/a/b", 303, "http://redirect.test:{port}/replaced")]
    [InlineData("/old/a/b", 307, "http://redirect.test:{port}/new/a/b")]
    [InlineData("/old", 307, "http://redirect.test:{port}/new")]
    [InlineData("/strip/a", 308, "http://redirect.test:{port}/a")]
    [InlineData("/strip", 308, "http://redirect.test:{port}/")]
    public async Task Serve_RequestRedirect_LocationAndStatusAsSpecified(string path, int status, string location)
    {
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "redirects", """
            - matches: [{path: {value: /scheme}}]
              filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
            - matches: [{path: {value: /host}}]
              filters: [{type: RequestRedirect, requestRedirect: {hostname: new.test, statusCode: 301}}]
            - matches: [{path: {value: /port}}]
              filters: [{type: RequestRedirect, requestRedirect: {scheme: https, port: 8443}}]
            - matches: [{path: {value: /port443}}]
              filters: [{type: RequestRedirect, requestRedirect: {scheme: https, port: 443}}]
            - matches: [{path: {value: /port80}}]
              filters: [{type: RequestRedirect, requestRedirect: {port: 80}}]
            - matches: [{path: {value: /full}}]
              filters: [{type: RequestRedirect, requestRedirect: {statusCode: 303, path: {type: ReplaceFullPath, replaceFullPath: /replaced}}}]
            - matches: [{path: {value: /old}}]
              filters: [{type: RequestRedirect, requestRedirect: {statusCode: 307, path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}}]
            - matches: [{path: {value: /strip/}}]
              filters: [{type: RequestRedirect, requestRedirect: {statusCode: 308, path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
            """, hostnames: "[redirect.test]"));
        var port = host.Port;

        using var response = await host.GetAsync($"http://redirect.test:{port}{path}");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(location.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Serve_UrlRewrite_BackendSeesRewrittenHostAndPath()
    {
        await using var echoes = await Echoes.StartAsync("web");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "rewrites", """
            - matches: [{path: {value: /host}}]
              filters: [{type: URLRewrite, urlRewrite: {hostname: internal.test}}]
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /full}}]
              filters: [{type: URLRewrite, urlRewrite: {hostname: full.internal, path: {type: ReplaceFullPath, replaceFullPath: /internal}}}]
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /p1}}]
              filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /xyz}}}]
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /p2}}]
              filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /xyz/}}}]
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /p3/}}]
              filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /xyz}}}]
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /p4}}]
              filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
              backendRefs: [{name: web, port: 80}]
            """, hostnames: "[rewrite.test]"),
            Backend("apps", "web", 80, echoes["web"]));
        var port = host.Port;

        async Task<EchoReply> Echo(string path) => await host.EchoAsync($"http://rewrite.test:{port}{path}");

        var rewritten = await Echo("/host/a?q=1");
        Assert.Equal("internal.test", rewritten.Host);
        Assert.Equal("/host/a?q=1", rewritten.Path);

        var full = await Echo("/full/a/b?q=1");
        Assert.Equal("full.internal", full.Host);
        Assert.Equal("/internal?q=1", full.Path);

        // The ReplacePrefixMatch table of the specification, trailing slashes included.
        Assert.Equal("rewrite.test:" + port, (await Echo("/p1/bar")).Host);
        Assert.Equal("/xyz/bar", (await Echo("/p1/bar")).Path);
        Assert.Equal("/xyz", (await Echo("/p1")).Path);
        Assert.Equal("/xyz/", (await Echo("/p1/")).Path);
        Assert.Equal("/xyz/bar?q=1", (await Echo("/p1/bar?q=1")).Path);
        Assert.Equal("/xyz/bar", (await Echo("/p2/bar")).Path);
        Assert.Equal("/xyz/bar", (await Echo("/p3/bar")).Path);
        Assert.Equal("/bar", (await Echo("/p4/bar")).Path);
        Assert.Equal("/", (await Echo("/p4")).Path);
        Assert.Equal("/", (await Echo("/p4/")).Path);
    }

    [Fact]
    public async Task Serve_RequestMirror_CopySentResponseIgnored()
    {
        await using var echoes = await Echoes.StartAsync("main", "mirror");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "mirrored", """
            - matches: [{path: {value: /mirror}}]
              filters:
              - type: RequestMirror
                requestMirror: {backendRef: {name: mirror, port: 80}}
              - type: RequestMirror
                requestMirror: {backendRef: {name: nowhere, port: 80}}
              backendRefs: [{name: main, port: 80}]
            - matches: [{path: {value: /never}}]
              filters:
              - type: RequestMirror
                requestMirror: {backendRef: {name: mirror, port: 80}, percent: 0}
              backendRefs: [{name: main, port: 80}]
            """),
            Backend("apps", "main", 80, echoes["main"]),
            Backend("apps", "mirror", 80, echoes["mirror"]),
            Backend("apps", "nowhere", 80));
        var port = host.Port;

        // The second mirror's Service has no endpoints: that changes nothing for the client.
        for (var i = 0; i < 5; i++)
        {
            var reply = await host.EchoAsync($"http://mirror.test:{port}/mirror/{i}?q=1", ("x-trace", "t" + i));
            Assert.Equal("main", reply.Backend);
            Assert.Equal("/mirror/" + i + "?q=1", reply.Path);
        }

        await Poll.UntilAsync(() => echoes["mirror"].Received.Count(r => r.Path.StartsWith("/mirror/", StringComparison.Ordinal)) >= 5, "mirror copies");
        var copy = echoes["mirror"].Received.Single(r => r.Path == "/mirror/3?q=1");
        Assert.Equal("GET", copy.Method);
        Assert.Equal("t3", copy.Headers["x-trace"]);
        Assert.StartsWith("mirror.test", copy.Host, StringComparison.Ordinal);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("main", (await host.EchoAsync($"http://mirror.test:{port}/never/{i}")).Backend);
        }

        Assert.DoesNotContain(echoes["mirror"].Received, r => r.Path.StartsWith("/never", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_BackendRefFilters_ApplyOnlyWhenThatBackendIsChosen()
    {
        await using var echoes = await Echoes.StartAsync("v1", "v2");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "split", """
            - filters:
              - type: RequestHeaderModifier
                requestHeaderModifier: {set: [{name: x-rule, value: all}]}
              backendRefs:
              - name: v1
                port: 80
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier: {set: [{name: x-backend, value: v1}]}
              - name: v2
                port: 80
                filters:
                - type: ResponseHeaderModifier
                  responseHeaderModifier: {set: [{name: x-backend, value: v2}]}
            """),
            Backend("apps", "v1", 80, echoes["v1"]),
            Backend("apps", "v2", 80, echoes["v2"]));
        var port = host.Port;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            using var response = await host.GetAsync($"http://split.test:{port}/");
            var reply = await EchoReply.ReadAsync(response);
            seen.Add(reply.Backend);
            Assert.Equal("all", reply.Headers["x-rule"]);
            if (reply.Backend == "v1")
            {
                Assert.Equal("v1", reply.Headers["x-backend"]);
                Assert.False(response.Headers.Contains("x-backend"));
            }
            else
            {
                Assert.False(reply.Headers.ContainsKey("x-backend"));
                Assert.Equal(["v2"], response.Headers.GetValues("x-backend"));
            }
        }

        Assert.Equal(2, seen.Count);
    }
}
