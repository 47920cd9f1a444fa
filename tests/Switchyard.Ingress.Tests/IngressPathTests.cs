namespace Switchyard.Ingress.Tests;

/// <summary>Path rules over real sockets (the ingress-controller-conformance path_rules scenarios and more).</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressPathTests(EchoBackends echo)
{
    private string Manifests => IngressHarness.Manifests(echo, """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: paths, namespace: apps}
        spec:
          rules:
          - host: exact.example.com
            http:
              paths:
              - {path: /foo, pathType: Exact, backend: {service: {name: a, port: {number: 80}}}}
          - host: prefix.example.com
            http:
              paths:
              - {path: /foo, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
              - {path: /aaa/bbb, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
              - {path: /aaa, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}
          - host: mixed.example.com
            http:
              paths:
              - {path: /foo, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
              - {path: /foo, pathType: Exact, backend: {service: {name: b, port: {number: 80}}}}
          - host: trailing.example.com
            http:
              paths:
              - {path: /aaa/bbb/, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
              - {path: /foo/, pathType: Exact, backend: {service: {name: b, port: {number: 80}}}}
          - host: specific.example.com
            http:
              paths:
              - {path: /docs, pathType: ImplementationSpecific, backend: {service: {name: a, port: {number: 80}}}}
              - {path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
        """);

    [Theory]
    [InlineData("http://exact.example.com/foo", "a")]
    [InlineData("http://exact.example.com/foo/", "404")]
    [InlineData("http://exact.example.com/FOO", "404")]
    [InlineData("http://exact.example.com/bar", "404")]
    [InlineData("http://exact.example.com/foo?x=1", "a")]
    [InlineData("http://prefix.example.com/foo", "a")]
    [InlineData("http://prefix.example.com/foo/", "a")]
    [InlineData("http://prefix.example.com/FOO", "404")]
    [InlineData("http://prefix.example.com/aaa/bbb", "b")]
    [InlineData("http://prefix.example.com/aaa/bbb/ccc", "b")]
    [InlineData("http://prefix.example.com/aaa/ccc", "c")]
    [InlineData("http://prefix.example.com/aaaccc", "404")]
    [InlineData("http://prefix.example.com/aaa/bbbccc", "c")]
    [InlineData("http://mixed.example.com/foo", "b")]
    [InlineData("http://mixed.example.com/foo/bar", "a")]
    [InlineData("http://trailing.example.com/aaa/bbb", "a")]
    [InlineData("http://trailing.example.com/aaa/bbb/", "a")]
    [InlineData("http://trailing.example.com/foo", "404")]
    [InlineData("http://trailing.example.com/foo/", "b")]
    [InlineData("http://specific.example.com/docs/guide", "a")]
    [InlineData("http://specific.example.com/docsx", "b")]
    public async Task Request_PathRules_ServedByTheMatchingBackend(string url, string expected)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        Assert.Equal(expected, await ingress.BackendAsync(url));
    }

    [Fact]
    public async Task Request_Matched_PathAndHostReachTheBackendUnchanged()
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        var reply = await ingress.EchoAsync("http://prefix.example.com/aaa/bbb/c%20d?q=1");

        Assert.Equal("/aaa/bbb/c%20d?q=1", reply.Path);
        Assert.Equal("prefix.example.com", reply.Host);
        Assert.Equal("http", reply.Headers["X-Forwarded-Proto"]);
    }
}
