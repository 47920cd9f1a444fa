namespace Switchyard.Ingress.Tests;

/// <summary>Canary Ingresses: header, cookie and weight, in ingress-nginx's order.</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressCanaryTests(EchoBackends echo)
{
    private string Manifests(string canaryAnnotations) => IngressHarness.Manifests(echo, $$"""
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: main, namespace: apps}
        spec:
          rules:
          - host: canary.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80} } } }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: canary
          namespace: apps
          annotations:
            nginx.ingress.kubernetes.io/canary: "true"
            {{canaryAnnotations}}
        spec:
          rules:
          - host: canary.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80} } } }
        """);

    [Theory]
    [InlineData("always", null, "b")]
    [InlineData("never", null, "a")]
    [InlineData("other", null, "a")]
    [InlineData(null, "canary=always", "b")]
    [InlineData(null, "x=1; canary=always", "b")]
    [InlineData(null, "canary=never", "a")]
    [InlineData("never", "canary=always", "a")]
    [InlineData("other", "canary=always", "b")]
    [InlineData(null, null, "a")]
    public async Task Canary_HeaderThenCookie_DecideTheBackend(string? header, string? cookie, string expected)
    {
        var annotations = """
            nginx.ingress.kubernetes.io/canary-by-header: X-Canary
                nginx.ingress.kubernetes.io/canary-by-cookie: canary
            """;
        await using var ingress = await IngressHarness.StartAsync(Manifests(annotations));
        var headers = new List<(string, string)>();
        if (header is not null)
        {
            headers.Add(("X-Canary", header));
        }

        if (cookie is not null)
        {
            headers.Add(("Cookie", cookie));
        }

        Assert.Equal(expected, await ingress.BackendAsync("http://canary.example.com/", [.. headers]));
    }

    [Theory]
    [InlineData("v2", "b")]
    [InlineData("always", "a")]
    [InlineData("v1", "a")]
    public async Task Canary_HeaderValue_OnlyThatValue(string value, string expected)
    {
        var annotations = """
            nginx.ingress.kubernetes.io/canary-by-header: X-Version
                nginx.ingress.kubernetes.io/canary-by-header-value: v2
            """;
        await using var ingress = await IngressHarness.StartAsync(Manifests(annotations));

        Assert.Equal(expected, await ingress.BackendAsync("http://canary.example.com/", ("X-Version", value)));
    }

    [Theory]
    [InlineData("eu-west", "b")]
    [InlineData("us-eu-x", "a")]
    public async Task Canary_HeaderPattern_FoundInTheValue(string value, string expected)
    {
        var annotations = """
            nginx.ingress.kubernetes.io/canary-by-header: X-Region
                nginx.ingress.kubernetes.io/canary-by-header-pattern: "^eu-"
            """;
        await using var ingress = await IngressHarness.StartAsync(Manifests(annotations));

        Assert.Equal(expected, await ingress.BackendAsync("http://canary.example.com/", ("X-Region", value)));
    }

    [Theory]
    [InlineData("0", 0, 0)]
    [InlineData("100", 200, 200)]
    [InlineData("30", 30, 90)]
    public async Task Canary_Weight_ShareOfRequests(string weight, int min, int max)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests($"nginx.ingress.kubernetes.io/canary-weight: \"{weight}\""));

        var canary = 0;
        for (var i = 0; i < 200; i++)
        {
            if (await ingress.BackendAsync("http://canary.example.com/") == "b")
            {
                canary++;
            }
        }

        Assert.InRange(canary, min, max);
    }
}
