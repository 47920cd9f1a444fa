using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Switchyard.Gateway.Echo;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Building blocks of the manifests the tests serve: plain YAML documents, as <c>serve -f</c> reads them.</summary>
internal static class Manifests
{
    public const string ClassName = "switchyard";

    /// <summary>Joins documents into one multi-document YAML stream.</summary>
    public static string Join(params string[] documents) => string.Join("\n---\n", documents) + "\n";

    /// <summary>The GatewayClass Switchyard owns.</summary>
    public static string GatewayClass(string name = ClassName, string controller = "switchyard.dev/gateway-controller") => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: {name}
        spec:
          controllerName: {controller}
        """;

    /// <summary>A Gateway with one HTTP listener <c>http</c> on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static string HttpGateway(string ns, string name, IPAddress address, int port, string? hostname = null, string from = "Same") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          gatewayClassName: {{ClassName}}
          addresses:
          - {type: IPAddress, value: "{{address}}"}
          listeners:
          - name: http
            protocol: HTTP
            port: {{port}}
            {{(hostname is null ? "# no hostname" : "hostname: \"" + hostname + "\"")}}
            allowedRoutes:
              namespaces: {from: {{from}}}
        """;

    /// <summary>
    /// An HTTPRoute in <paramref name="ns"/> attached to <paramref name="parentRefs"/> (a YAML flow list; by default
    /// Gateway <c>web</c>), with optional <paramref name="hostnames"/> (a YAML flow list) and <paramref name="rules"/>,
    /// the YAML block list of its rules.
    /// </summary>
    public static string HttpRoute(string ns, string name, string rules, string? hostnames = null, string parentRefs = "[{name: web}]")
    {
        var route = new StringBuilder($$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: {{name}}, namespace: {{ns}}}
            spec:
              parentRefs: {{parentRefs}}

            """);
        if (hostnames is not null)
        {
            route.Append("  hostnames: ").Append(hostnames).Append('\n');
        }

        route.Append("  rules:");
        foreach (var line in rules.Split('\n'))
        {
            route.Append("\n  ").Append(line);
        }

        return route.ToString();
    }

    /// <summary>A selector-less Service with the ports of <paramref name="ports"/> (a YAML flow list), no EndpointSlices.</summary>
    public static string Service(string ns, string name, string ports) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          ports: {{ports}}
        """;

    /// <summary>
    /// A selector-less Service with one port <c>http</c> and one EndpointSlice per echo backend (each backend listens
    /// on its own port, as Pods of a rolling update may), so that the Service's endpoints are exactly the backends.
    /// </summary>
    public static string Backend(string ns, string name, int port, params EchoServer[] endpoints)
    {
        var documents = new List<string>
        {
            $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              ports:
              - name: http
                port: {port}
            """,
        };
        for (var i = 0; i < endpoints.Length; i++)
        {
            documents.Add(EndpointSlice(ns, name, name + "-" + i.ToString(CultureInfo.InvariantCulture), endpoints[i].EndPoint));
        }

        return string.Join("\n---\n", documents);
    }

    /// <summary>One EndpointSlice of Service <paramref name="service"/> with one ready endpoint.</summary>
    public static string EndpointSlice(string ns, string service, string name, IPEndPoint endpoint, bool ready = true) => $$"""
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels:
            kubernetes.io/service-name: {{service}}
        addressType: IPv4
        ports:
        - name: http
          port: {{endpoint.Port}}
        endpoints:
        - addresses: ["{{endpoint.Address}}"]
          conditions: {ready: {{(ready ? "true" : "false")}}}
        """;

    /// <summary>A Namespace with labels (for allowedRoutes selectors).</summary>
    public static string Namespace(string name, string labels = "{}") => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
          labels: {labels}
        """;

    /// <summary>A <c>kubernetes.io/tls</c> Secret holding a self-signed certificate for <paramref name="dnsNames"/>.</summary>
    public static string TlsSecret(string ns, string name, out X509Certificate2 certificate, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsNames[0], key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in dnsNames)
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return TlsSecret(ns, name, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public static string TlsSecret(string ns, string name, string certificatePem, string keyPem) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
        type: kubernetes.io/tls
        data:
          tls.crt: {Convert.ToBase64String(Encoding.ASCII.GetBytes(certificatePem))}
          tls.key: {Convert.ToBase64String(Encoding.ASCII.GetBytes(keyPem))}
        """;
}
