namespace Switchyard.Ingress.Tests;

/// <summary>Several Ingresses on one host, conflicts, and default backends.</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressMergeTests(EchoBackends echo)
{
    [Theory]
    [InlineData("http://shop.example.com/cart", "a")]
    [InlineData("http://shop.example.com/api/users", "a")]
    [InlineData("http://shop.example.com/api", "b")]
    [InlineData("http://shop.example.com/checkout", "b")]
    [InlineData("http://shop.example.com/other", "c")]
    public async Task Request_IngressesOnOneHost_MergedOlderWinsConflicts(string url, string expected)
    {
        await using var ingress = await IngressHarness.StartAsync(echo, """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: old, namespace: apps, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - {path: /cart, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
                  - {path: /api, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: new, namespace: apps, creationTimestamp: "2025-01-01T00:00:00Z"}
            spec:
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - {path: /api, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
                  - {path: /api, pathType: Exact, backend: {service: {name: b, port: {number: 80}}}}
                  - {path: /checkout, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
                  - {path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}
            """);

        Assert.Equal(expected, await ingress.BackendAsync(url));
        Assert.Contains(ingress.Warnings, w => w.StartsWith("Ingress apps/new: spec.rules[0].http.paths[0]", StringComparison.Ordinal) && w.Contains("apps/old, which is older", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://anything.example/", "a")]
    [InlineData("http://shop.example.com/app/x", "b")]
    [InlineData("http://shop.example.com/elsewhere", "c")]
    [InlineData("http://docs.example.com/nothing", "404")]
    public async Task Request_DefaultBackends_CatchAllAndPerHost(string url, string expected)
    {
        await using var ingress = await IngressHarness.StartAsync(echo, """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: catch-all, namespace: apps}
            spec:
              defaultBackend: {service: {name: a, port: {number: 80}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: apps}
            spec:
              defaultBackend: {service: {name: c, port: {name: http}}}
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - {path: /app, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: docs, namespace: apps}
            spec:
              rules:
              - host: docs.example.com
                http:
                  paths:
                  - {path: /guide, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
            """);

        Assert.Equal(expected, await ingress.BackendAsync(url));
    }

    [Theory]
    [InlineData("http://b.example.com/ok", "a")]
    [InlineData("http://b.example.com/by-name", "b")]
    [InlineData("http://b.example.com/missing-service", "503")]
    [InlineData("http://b.example.com/missing-port", "503")]
    [InlineData("http://b.example.com/no-endpoints", "503")]
    [InlineData("http://b.example.com/resource", "503")]
    public async Task Request_UnavailableBackends_503OnThatPathOnly(string url, string expected)
    {
        await using var ingress = await IngressHarness.StartAsync(echo, """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: backends, namespace: apps}
            spec:
              rules:
              - host: b.example.com
                http:
                  paths:
                  - {path: /ok, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
                  - {path: /by-name, pathType: Prefix, backend: {service: {name: b, port: {name: http}}}}
                  - {path: /missing-service, pathType: Prefix, backend: {service: {name: nope, port: {number: 80}}}}
                  - {path: /missing-port, pathType: Prefix, backend: {service: {name: a, port: {name: grpc}}}}
                  - {path: /no-endpoints, pathType: Prefix, backend: {service: {name: idle, port: {number: 80}}}}
                  - {path: /resource, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: static}}}
            """);

        Assert.Equal(expected, await ingress.BackendAsync(url));
    }
}
