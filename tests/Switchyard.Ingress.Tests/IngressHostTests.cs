using System.Net;

namespace Switchyard.Ingress.Tests;

/// <summary>Host rules over real sockets (the conformance host_rules scenarios, catch-all rules, no fall-through).</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressHostTests(EchoBackends echo)
{
    private string Manifests => IngressHarness.Manifests(echo, """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: hosts, namespace: apps}
        spec:
          rules:
          - host: "*.foo.com"
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
          - host: foo.bar.com
            http:
              paths:
              - {path: /only, pathType: Prefix, backend: {service: {name: b, port: {name: http}}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: anyhost, namespace: apps}
        spec:
          rules:
          - http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}
        """);

    [Theory]
    [InlineData("http://bar.foo.com/", "a")]
    [InlineData("http://BAR.foo.com:8080/", "a")]
    [InlineData("http://bar.foo.com./", "a")]
    [InlineData("http://foo.bar.com/only/x", "b")]
    [InlineData("http://subdomain.bar.com/", "c")]
    [InlineData("http://unknown.example/", "c")]
    public async Task Request_Host_ServedByItsRules(string url, string expected)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        Assert.Equal(expected, await ingress.BackendAsync(url));
    }

    [Theory]
    [InlineData("http://baz.bar.foo.com/")]
    [InlineData("http://foo.com/")]
    public async Task Request_WildcardOverMoreOrNoLabel_NotTheWildcardHost(string url)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        // Not *.foo.com: the rules without a host take it.
        Assert.Equal("c", await ingress.BackendAsync(url));
    }

    [Fact]
    public async Task Request_HostWithRulesButNoMatchingPath_404WithoutFallingThrough()
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        Assert.Equal(HttpStatusCode.NotFound, await ingress.StatusAsync("http://foo.bar.com/elsewhere"));
    }

    [Fact]
    public async Task Request_NoRuleAndNoDefaultBackend_404()
    {
        await using var ingress = await IngressHarness.StartAsync(echo, """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: one, namespace: apps}
            spec:
              rules:
              - host: one.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
            """);

        Assert.Equal(HttpStatusCode.NotFound, await ingress.StatusAsync("http://two.example.com/"));
        Assert.Equal("a", await ingress.BackendAsync("http://one.example.com/"));
    }
}
