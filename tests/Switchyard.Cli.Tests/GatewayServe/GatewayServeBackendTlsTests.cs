using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// BackendTLSPolicy through <c>serve</c>: HTTPS backends on Kestrel with certificates from a CA made in the test,
/// reached over TLS with the policy's hostname as SNI, verified against the policy's CA and subject alternative names,
/// and presented the Gateway's client certificate.
/// </summary>
public sealed class GatewayServeBackendTlsTests
{
    private const string BackendName = "backend.apps.internal";

    [Fact]
    public async Task Serve_PolicyWithCa_ConnectsOverTlsWithPolicyHostnameAsSni()
    {
        using var ca = new TestPki("backend-ca");
        using var certificate = ca.Issue(BackendName, server: true, [BackendName]);
        await using var backend = await TlsBackend.StartAsync(Loopback.Next(), certificate);
        await using var host = await ServeHost.StartWebAsync(
            Route("web", "secure"),
            Service("secure", backend.EndPoint),
            Policy("secure", BackendName, caConfigMap: "backend-ca", sectionName: "https"),
            ca.ConfigMap("apps", "backend-ca"));
        var port = host.Port;

        using var response = await host.GetAsync($"http://web.example.com:{port}/hello");
        var reply = await TlsReply.ReadAsync(response);

        // SNI is the policy's hostname, the Host header stays the client's, and ALPN settled HTTP/2.
        Assert.Equal(BackendName, reply.Sni);
        Assert.Equal($"web.example.com:{port}", reply.Host);
        Assert.Equal("/hello", reply.Path);
        Assert.Equal("HTTP/2", reply.Protocol);
        Assert.Null(reply.ClientCertificate);

        var policy = (await host.StatusOfAsync("BackendTLSPolicy", "apps", "secure"))!;
        var ancestor = Assert.Single(policy["status"]!["ancestors"]!.AsArray())!;
        Assert.Equal("web", ancestor["ancestorRef"]!["name"]!.GetValue<string>());
        AssertCondition(ancestor, "Accepted", "True", "Accepted");
        AssertCondition(ancestor, "ResolvedRefs", "True", "ResolvedRefs");
        AssertCondition(RouteParent((await host.StatusOfAsync("HTTPRoute", "apps", "web"))!, "web"), "ResolvedRefs", "True", "ResolvedRefs");
    }

    [Fact]
    public async Task Serve_CertificateNotTrustedOrNotForHostname_Answers5xx()
    {
        using var ca = new TestPki("backend-ca");
        using var other = new TestPki("other-ca");
        using var certificate = ca.Issue(BackendName, server: true, [BackendName]);
        await using var backend = await TlsBackend.StartAsync(Loopback.Next(), certificate);
        await using var host = await ServeHost.StartWebAsync(
            Route("web", "good", "wrong-ca", "wrong-host", "system"),
            Service("good", backend.EndPoint),
            Service("wrong-ca", backend.EndPoint),
            Service("wrong-host", backend.EndPoint),
            Service("system", backend.EndPoint),
            Policy("good", BackendName, caConfigMap: "backend-ca"),
            Policy("wrong-ca", BackendName, caConfigMap: "other-ca"),
            Policy("wrong-host", "other.apps.internal", caConfigMap: "backend-ca"),
            Policy("system", BackendName, wellKnown: "System"),
            ca.ConfigMap("apps", "backend-ca"),
            other.ConfigMap("apps", "other-ca"));
        var port = host.Port;

        Assert.Equal(HttpStatusCode.OK, await host.StatusCodeAsync($"http://web.example.com:{port}/good"));

        // A CA that did not issue the certificate, a hostname the certificate is not for, and the system store (which
        // does not know the test CA): the handshake fails, the client gets a 5xx, never a cleartext fallback.
        foreach (var path in new[] { "/wrong-ca", "/wrong-host", "/system" })
        {
            var code = (int)await host.StatusCodeAsync($"http://web.example.com:{port}{path}");
            Assert.True(code is >= 500 and <= 599, path + " answered " + code);
        }

        // The trusted path still works after the failures on the others (separate clusters, separate endpoints state).
        Assert.Equal(HttpStatusCode.OK, await host.StatusCodeAsync($"http://web.example.com:{port}/good"));
    }

    [Theory]
    [InlineData("Hostname", "abc.example.com", true)]
    [InlineData("URI", "spiffe://cluster.local/ns/apps/sa/backend", true)]
    [InlineData("Hostname", "*.example.com", true)]
    [InlineData("Hostname", "dce.example.com", false)]
    [InlineData("URI", "spiffe://cluster.local/ns/apps/sa/other", false)]
    public async Task Serve_SubjectAltNames_CertificateMustCarryOne(string type, string value, bool accepted)
    {
        using var ca = new TestPki("backend-ca");
        using var certificate = ca.Issue("abc.example.com", server: true, ["abc.example.com"], ["spiffe://cluster.local/ns/apps/sa/backend"]);
        await using var backend = await TlsBackend.StartAsync(Loopback.Next(), certificate);
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var san = type == "Hostname" ? $"{{type: Hostname, hostname: \"{value}\"}}" : $"{{type: URI, uri: \"{value}\"}}";

        // The policy hostname is not in the certificate: with subjectAltNames it is the SNI name only, not an identity.
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            Route("web", "san"),
            Service("san", backend.EndPoint),
            Policy("san", "sni-only.example.com", caConfigMap: "backend-ca", subjectAltNames: san),
            ca.ConfigMap("apps", "backend-ca")));

        using var response = await host.GetAsync($"http://web.example.com:{port}/san");
        if (accepted)
        {
            Assert.Equal("sni-only.example.com", (await TlsReply.ReadAsync(response)).Sni);
        }
        else
        {
            Assert.True((int)response.StatusCode is >= 500 and <= 599, "answered " + (int)response.StatusCode);
        }
    }

    [Fact]
    public async Task Serve_GatewayBackendClientCertificate_PresentedToBackendRequiringOne()
    {
        using var ca = new TestPki("backend-ca");
        using var clients = new TestPki("client-ca");
        using var certificate = ca.Issue(BackendName, server: true, [BackendName]);
        using var client = clients.Issue("gateway.apps", server: false);
        await using var backend = await TlsBackend.StartAsync(Loopback.Next(), certificate, clientCa: clients.Certificate);
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var plainPort = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: mtls, namespace: apps}
            spec:
              gatewayClassName: switchyard
              addresses: [{type: IPAddress, value: "{{address}}"}]
              listeners:
              - {name: http, protocol: HTTP, port: {{port}}}
              tls:
                backend:
                  clientCertificateRef: {name: gateway-client}
            """,
            HttpGateway("apps", "plain", address, plainPort),
            HttpRoute("apps", "web", """
            - backendRefs: [{name: secure, port: 443}]
            """, parentRefs: "[{name: mtls}, {name: plain}]"),
            Service("secure", backend.EndPoint),
            Policy("secure", BackendName, caConfigMap: "backend-ca"),
            ca.ConfigMap("apps", "backend-ca"),
            TlsSecret("apps", "gateway-client", client.ExportCertificatePem(), PrivateKeyPem(client))));

        using var response = await host.GetAsync($"http://web.example.com:{port}/");
        var reply = await TlsReply.ReadAsync(response);
        Assert.Equal(client.Thumbprint, reply.ClientCertificateThumbprint);
        Assert.Equal("gateway.apps", reply.ClientCertificate);

        // The same Service port through a Gateway without a client certificate: the backend refuses the handshake.
        var code = (int)await host.StatusCodeAsync($"http://web.example.com:{plainPort}/");
        Assert.True(code is >= 500 and <= 599, "answered " + code);

        AssertCondition((await host.StatusOfAsync("Gateway", "apps", "mtls"))!, "ResolvedRefs", "True", "ResolvedRefs");
    }

    [Fact]
    public async Task Serve_PolicyCaReferenceInvalid_Answers500UntilTheConfigMapExists()
    {
        using var ca = new TestPki("backend-ca");
        using var certificate = ca.Issue(BackendName, server: true, [BackendName]);
        await using var backend = await TlsBackend.StartAsync(Loopback.Next(), certificate);
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            Route("web", "secure"),
            Service("secure", backend.EndPoint),
            Policy("secure", BackendName, caConfigMap: "backend-ca")), watch: true);

        // No valid CA certificate: the policy is not accepted, and the backend is never spoken to in cleartext.
        Assert.Equal(HttpStatusCode.InternalServerError, await host.StatusCodeAsync($"http://web.example.com:{port}/secure"));
        var policy = (await host.StatusOfAsync("BackendTLSPolicy", "apps", "secure"))!;
        var ancestor = Assert.Single(policy["status"]!["ancestors"]!.AsArray())!;
        AssertCondition(ancestor, "Accepted", "False", "NoValidCACertificate");
        AssertCondition(ancestor, "ResolvedRefs", "False", "InvalidCACertificateRef");
        AssertCondition(RouteParent((await host.StatusOfAsync("HTTPRoute", "apps", "web"))!, "web"), "ResolvedRefs", "False", "InvalidBackendTLSPolicy");

        // The ConfigMap appears: the policy is accepted and traffic flows, without touching the policy.
        var generation = host.Generation;
        await host.WriteAsync("ca.yaml", ca.ConfigMap("apps", "backend-ca"));
        await host.WaitForGenerationAboveAsync(generation);
        await Poll.UntilAsync(async () => await host.StatusCodeAsync($"http://web.example.com:{port}/secure") == HttpStatusCode.OK, "the backend served over TLS");
        AssertCondition(Assert.Single((await host.StatusOfAsync("BackendTLSPolicy", "apps", "secure"))!["status"]!["ancestors"]!.AsArray())!, "Accepted", "True", "Accepted");
    }

    /// <summary>An HTTPRoute with one rule per Service, matching the path <c>/&lt;service&gt;</c> (the first also matches <c>/</c>).</summary>
    private static string Route(string gateway, params string[] services)
    {
        var rules = string.Concat(services.Select((s, i) => $$$"""

              - matches: [{path: {type: PathPrefix, value: "{{{(i == 0 ? "/" : "/" + s)}}}"}}]
                backendRefs: [{name: {{{s}}}, port: 443}]
            """));
        return $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: apps}
            spec:
              parentRefs: [{name: {{gateway}}}]
              rules:{{rules}}
            """;
    }

    /// <summary>A Service with one port <c>https</c> (443) whose only endpoint is <paramref name="endpoint"/>.</summary>
    private static string Service(string name, IPEndPoint endpoint) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: apps}
        spec:
          ports: [{name: https, port: 443}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {{name}}-0
          namespace: apps
          labels: {kubernetes.io/service-name: {{name}}}
        addressType: IPv4
        ports: [{name: https, port: {{endpoint.Port}}}]
        endpoints:
        - addresses: ["{{endpoint.Address}}"]
        """;

    private static string Policy(string service, string hostname, string? caConfigMap = null, string? wellKnown = null, string? sectionName = null, string? subjectAltNames = null)
    {
        var target = "{group: \"\", kind: Service, name: " + service + (sectionName is null ? string.Empty : ", sectionName: " + sectionName) + "}";
        var trust = caConfigMap is null
            ? $"wellKnownCACertificates: {wellKnown}"
            : $"caCertificateRefs: [{{group: \"\", kind: ConfigMap, name: {caConfigMap}}}]";
        var sans = subjectAltNames is null ? string.Empty : $"\n    subjectAltNames: [{subjectAltNames}]";
        return $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: {name: {{service}}, namespace: apps}
            spec:
              targetRefs: [{{target}}]
              validation:
                {{trust}}
                hostname: {{hostname}}{{sans}}
            """;
    }

    private static string PrivateKeyPem(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(certificate)!;
        return key.ExportPkcs8PrivateKeyPem();
    }
}
