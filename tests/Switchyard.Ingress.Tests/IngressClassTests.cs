using System.Net;
using Switchyard.Translation;

namespace Switchyard.Ingress.Tests;

/// <summary>Class selection: which Ingresses are served, and what their status says.</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressClassTests(EchoBackends echo)
{
    [Fact]
    public async Task Serve_OursDefaultAndForeignClasses_OnlyOursServed()
    {
        var manifests = """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: switchyard}
            spec: {controller: switchyard.dev/ingress-controller}
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: nginx}
            spec: {controller: k8s.io/ingress-nginx}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ours, namespace: apps}
            spec:
              ingressClassName: switchyard
              rules: [{host: ours.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: legacy
              namespace: apps
              annotations: {kubernetes.io/ingress.class: switchyard}
            spec:
              rules: [{host: legacy.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: theirs, namespace: apps}
            spec:
              ingressClassName: nginx
              rules: [{host: theirs.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}]}}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: classless, namespace: apps}
            spec:
              rules: [{host: classless.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}]}}]
            """ + echo.Services();
        await using var ingress = await IngressHarness.StartAsync(manifests);

        Assert.Equal("a", await ingress.BackendAsync("http://ours.example.com/"));
        Assert.Equal("b", await ingress.BackendAsync("http://legacy.example.com/"));
        Assert.Equal(HttpStatusCode.NotFound, await ingress.StatusAsync("http://theirs.example.com/"));
        Assert.Equal(HttpStatusCode.NotFound, await ingress.StatusAsync("http://classless.example.com/"));
        Assert.Equal("127.0.0.51", Assert.Single(ingress.Status("ours")!.LoadBalancer.Ingress).Ip);
        Assert.Null(ingress.Status("theirs"));
        Assert.Null(ingress.Status("classless"));
        Assert.Contains(ingress.Warnings, w => w.Contains("apps/theirs", StringComparison.Ordinal) && w.Contains("not one of Switchyard's", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_DefaultClass_ClasslessIngressServedAndStatusHasBothListeners()
    {
        await using var ingress = await IngressHarness.StartAsync(echo, Certificates.Secret("apps", "tls", "secure.example.com") + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: classless, namespace: apps}
            spec:
              tls: [{hosts: [secure.example.com], secretName: tls}]
              rules: [{host: secure.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}}]
            """);

        Assert.Equal("a", await ingress.BackendAsync("https://secure.example.com/"));
        var addresses = ingress.Status("classless")!.LoadBalancer.Ingress.Select(i => i.Ip).ToList();
        Assert.Equal(["127.0.0.51", "127.0.0.52"], addresses);
    }

    [Fact]
    public async Task Serve_ListenersOff_StatusEmptyAndNothingBound()
    {
        await using var ingress = await IngressHarness.StartAsync(echo, """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: off, namespace: apps}
            spec:
              defaultBackend: {service: {name: a, port: {number: 80}}}
            """, new TranslatorOptions { IngressHttp = null, IngressHttps = null });

        Assert.Null(ingress.Http);
        Assert.Empty(ingress.Result.Snapshot.Listeners);
        Assert.Null(ingress.Status("off")!.LoadBalancer.Ingress);
    }
}
