using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>Self-signed certificates made in the test, as kubernetes.io/tls Secrets.</summary>
internal static class Certificates
{
    /// <summary>A kubernetes.io/tls Secret with a new certificate for <paramref name="dnsNames"/> (the first is its CN).</summary>
    public static string Secret(string ns, string name, params string[] dnsNames)
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
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return "\n" + $$"""
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: {{name}}, namespace: {{ns}} }
            type: kubernetes.io/tls
            stringData:
              tls.crt: |
            {{Indent(certificate.ExportCertificatePem())}}
              tls.key: |
            {{Indent(key.ExportPkcs8PrivateKeyPem())}}

            """;
    }

    private static string Indent(string pem) =>
        string.Join('\n', pem.Trim().Split('\n').Select(line => "    " + line));
}
