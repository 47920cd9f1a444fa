using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>HTTPS listeners with certificates from <c>kubernetes.io/tls</c> Secrets, chosen by SNI.</summary>
public sealed class GatewayServeHttpsTests
{
    [Fact]
    public async Task Serve_HttpsListeners_SniPicksMostSpecificListenerCertificate()
    {
        await using var echoes = await Echoes.StartAsync("api", "wild", "any");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var apiSecret = TlsSecret("apps", "api", out var apiCertificate, "api.example.com");
        var wildSecret = TlsSecret("apps", "wild", out var wildCertificate, "*.example.com");
        var anySecret = TlsSecret("apps", "any", out var anyCertificate, "default.test");
        using (apiCertificate)
        using (wildCertificate)
        using (anyCertificate)
        {
            await using var host = await ServeHost.StartAsync(address, Join(
                GatewayClass(),
                $$$"""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: secure, namespace: apps}
                spec:
                  gatewayClassName: switchyard
                  listeners:
                  - {name: any, protocol: HTTPS, port: {{{port}}}, tls: {mode: Terminate, certificateRefs: [{name: any}]}}
                  - {name: wild, protocol: HTTPS, port: {{{port}}}, hostname: "*.example.com", tls: {certificateRefs: [{name: wild}]}}
                  - {name: api, protocol: HTTPS, port: {{{port}}}, hostname: api.example.com, tls: {certificateRefs: [{kind: Secret, name: api}]}}
                """,
                apiSecret,
                wildSecret,
                anySecret,
                Route("api", "api"),
                Route("wild", "wild"),
                Route("any", "any"),
                Backend("apps", "api", 80, echoes["api"]),
                Backend("apps", "wild", 80, echoes["wild"]),
                Backend("apps", "any", 80, echoes["any"])));

            async Task<(string Backend, X509Certificate2 Served)> Get(string name)
            {
                using var client = host.CreateClient();
                var before = host.ServedCertificates.Count;
                var reply = await EchoReply.ReadAsync(await client.GetAsync($"https://{name}:{port}/"));
                Assert.Equal("https", reply.Headers["x-forwarded-proto"]);
                return (reply.Backend, host.ServedCertificates[before]);
            }

            var api = await Get("api.example.com");
            Assert.Equal("api", api.Backend);
            Assert.Equal(apiCertificate.Thumbprint, api.Served.Thumbprint);
            var wild = await Get("www.example.com");
            Assert.Equal("wild", wild.Backend);
            Assert.Equal(wildCertificate.Thumbprint, wild.Served.Thumbprint);
            var any = await Get("other.test");
            Assert.Equal("any", any.Backend);
            Assert.Equal(anyCertificate.Thumbprint, any.Served.Thumbprint);

            // TLS 1.2 and 1.3 are served; TLS 1.1 is refused.
            foreach (var protocol in new[] { SslProtocols.Tls12, SslProtocols.Tls13 })
            {
                using var client = host.CreateClient(tls: protocol);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"https://api.example.com:{port}/")).StatusCode);
            }

#pragma warning disable SYSLIB0039 // The point is to offer an obsolete protocol.
            using (var old = host.CreateClient(tls: SslProtocols.Tls11))
#pragma warning restore SYSLIB0039
            {
                await Assert.ThrowsAsync<HttpRequestException>(() => old.GetAsync($"https://api.example.com:{port}/"));
            }

            var gateway = (await host.StatusOfAsync("Gateway", "apps", "secure"))!;
            foreach (var listener in new[] { "any", "wild", "api" })
            {
                AssertCondition(Listener(gateway, listener), "ResolvedRefs", "True", "ResolvedRefs");
                AssertCondition(Listener(gateway, listener), "Programmed", "True", "Programmed");
            }
        }
    }

    [Fact]
    public async Task Serve_BadOrForbiddenCertificateRefs_ListenerNotProgrammedOthersServe()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var good = TlsSecret("apps", "good", out var goodCertificate, "good.test");
        var foreign = TlsSecret("certs", "foreign", out var foreignCertificate, "foreign.test");
        var granted = TlsSecret("granted", "cert", out var grantedCertificate, "granted.test");
        goodCertificate.Dispose();
        foreignCertificate.Dispose();
        using (grantedCertificate)
        {
            await using var host = await ServeHost.StartAsync(address, Join(
                GatewayClass(),
                $$$"""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: secure, namespace: apps}
                spec:
                  gatewayClassName: switchyard
                  listeners:
                  - {name: good, protocol: HTTPS, port: {{{port}}}, hostname: good.test, tls: {certificateRefs: [{name: good}]}}
                  - {name: missing, protocol: HTTPS, port: {{{port}}}, hostname: missing.test, tls: {certificateRefs: [{name: missing}]}}
                  - {name: garbage, protocol: HTTPS, port: {{{port}}}, hostname: garbage.test, tls: {certificateRefs: [{name: garbage}]}}
                  - {name: foreign, protocol: HTTPS, port: {{{port}}}, hostname: foreign.test, tls: {certificateRefs: [{name: foreign, namespace: certs}]}}
                  - {name: granted, protocol: HTTPS, port: {{{port}}}, hostname: granted.test, tls: {certificateRefs: [{name: cert, namespace: granted}]}}
                """,
                good,
                foreign,
                granted,
                TlsSecret("apps", "garbage", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", "no key"),
                """
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: gateways-from-apps, namespace: granted}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: apps}]
                  to: [{group: "", kind: Secret}]
                """,
                HttpRoute("apps", "web", """
                - backendRefs: [{name: web, port: 80}]
                """, parentRefs: "[{name: secure}]"),
                Backend("apps", "web", 80, echoes["web"])));

            using var client = host.CreateClient();
            Assert.Equal("web", (await EchoReply.ReadAsync(await client.GetAsync($"https://good.test:{port}/"))).Backend);
            var before = host.ServedCertificates.Count;
            Assert.Equal("web", (await EchoReply.ReadAsync(await client.GetAsync($"https://granted.test:{port}/"))).Backend);
            Assert.Equal(grantedCertificate.Thumbprint, host.ServedCertificates[before].Thumbprint);

            var gateway = (await host.StatusOfAsync("Gateway", "apps", "secure"))!;
            AssertCondition(Listener(gateway, "good"), "Programmed", "True", "Programmed");
            AssertCondition(Listener(gateway, "granted"), "ResolvedRefs", "True", "ResolvedRefs");
            AssertCondition(Listener(gateway, "missing"), "ResolvedRefs", "False", "InvalidCertificateRef");
            AssertCondition(Listener(gateway, "garbage"), "ResolvedRefs", "False", "InvalidCertificateRef");
            AssertCondition(Listener(gateway, "foreign"), "ResolvedRefs", "False", "RefNotPermitted");
            foreach (var broken in new[] { "missing", "garbage", "foreign" })
            {
                AssertCondition(Listener(gateway, broken), "Programmed", "False", "Invalid");
            }

            // No certificate of a refused listener is ever served: its hostname gets a certificate of a working listener.
            before = host.ServedCertificates.Count;
            using var refusedClient = host.CreateClient();
            try
            {
                using var response = await refusedClient.GetAsync($"https://foreign.test:{port}/");
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Refusing the handshake for a name no working listener serves is as good.
            }

            Assert.DoesNotContain(host.ServedCertificates.Skip(before), c => c.GetNameInfo(X509NameType.DnsName, false) == "foreign.test");
        }
    }

    private static string Route(string name, string section) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{name}}, namespace: apps}
        spec:
          parentRefs: [{name: secure, sectionName: {{section}}}]
          rules:
          - backendRefs: [{name: {{name}}, port: 80}]
        """;
}
