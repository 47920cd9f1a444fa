using System.Net;
using Switchyard.Translation;

namespace Switchyard.Ingress.Tests;

/// <summary>TLS termination by SNI, the strict handshake for names without a certificate, and the HTTPS redirect.</summary>
[Collection(IngressCollection.Name)]
public sealed class IngressTlsTests(EchoBackends echo)
{
    private string Manifests => IngressHarness.Manifests(
        echo,
        Certificates.Secret("apps", "shop", "shop.example.com")
        + Certificates.Secret("apps", "wild", "*.apps.example.com")
        + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop, namespace: apps}
        spec:
          tls:
          - {hosts: [shop.example.com], secretName: shop}
          - {hosts: ["*.apps.example.com"], secretName: wild}
          rules:
          - host: shop.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
          - host: "*.apps.example.com"
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
          - host: plain.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: no-redirect
          namespace: apps
          annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "false"}
        spec:
          rules:
          - host: shop.example.com
            http:
              paths:
              - {path: /plain-ok, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}
              - {path: /.well-known/acme-challenge/token, pathType: Exact, backend: {service: {name: c, port: {number: 80}}}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: forced
          namespace: apps
          annotations: {nginx.ingress.kubernetes.io/force-ssl-redirect: "true"}
        spec:
          rules:
          - host: forced.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}
        """);

    [Fact]
    public async Task Https_SniNames_CertificateOfTheHost()
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        var shop = await ingress.EchoAsync("https://shop.example.com/cart");
        var wildcard = await ingress.EchoAsync("https://one.apps.example.com/");

        Assert.Equal(["shop.example.com", "*.apps.example.com"], ingress.ServedCertificates);
        Assert.Equal("a", shop.Backend);
        Assert.Equal("https", shop.Headers["X-Forwarded-Proto"]);
        Assert.Equal("b", wildcard.Backend);
    }

    [Theory]
    [InlineData("https://plain.example.com/")]
    [InlineData("https://two.levels.apps.example.com/")]
    [InlineData("https://127.0.0.52/")]
    public async Task Https_NameWithoutCertificate_HandshakeFails(string url)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        await Assert.ThrowsAsync<HttpRequestException>(() => ingress.GetAsync(url));
        Assert.Equal("a", await ingress.BackendAsync("https://shop.example.com/"));
        Assert.Contains(ingress.Warnings, w => w.Contains("no certificate for plain.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Https_DefaultCertificate_ServesNamesWithoutTheirOwn()
    {
        var manifests = Manifests + Certificates.Secret("ingress-system", "fallback", "fallback.example.net");
        await using var ingress = await IngressHarness.StartAsync(manifests, IngressHarness.Options with { DefaultCertificate = "ingress-system/fallback" });

        Assert.Equal("c", await ingress.BackendAsync("https://plain.example.com/"));
        Assert.Equal("shop.example.com", (await ingress.EchoAsync("https://shop.example.com/")).Host);
        Assert.Equal(["fallback.example.net", "shop.example.com"], ingress.ServedCertificates);
        Assert.DoesNotContain(ingress.Warnings, w => w.Contains("no certificate for", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://shop.example.com/a/b?q=1", "https://shop.example.com/a/b?q=1")]
    [InlineData("http://shop.example.com:8080/a/", "https://shop.example.com/a/")]
    [InlineData("http://x.apps.example.com/", "https://x.apps.example.com/")]
    [InlineData("http://forced.example.com/f", "https://forced.example.com/f")]
    public async Task Http_HostWithCertificate_308ToHttps(string url, string location)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        using var response = await ingress.GetAsync(url);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Http_PublicHttpsPortNot443_NamedInLocation()
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests, IngressHarness.Options with { IngressHttpsPublicPort = 8443 });

        using var response = await ingress.GetAsync("http://shop.example.com/x");

        Assert.Equal("https://shop.example.com:8443/x", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("http://shop.example.com/plain-ok", "c")]
    [InlineData("http://shop.example.com/.well-known/acme-challenge/token", "c")]
    [InlineData("http://plain.example.com/", "c")]
    public async Task Http_RedirectOffOrNoCertificate_Served(string url, string expected)
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests);

        Assert.Equal(expected, await ingress.BackendAsync(url));
    }

    [Fact]
    public async Task Http_SslRedirectOffGlobally_ServedButForcedStillRedirects()
    {
        await using var ingress = await IngressHarness.StartAsync(Manifests, IngressHarness.Options with { IngressSslRedirect = false });

        Assert.Equal("a", await ingress.BackendAsync("http://shop.example.com/"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, await ingress.StatusAsync("http://forced.example.com/"));
    }
}
