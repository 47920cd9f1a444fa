using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>Self-signed certificates made in the test, exported to PEM as the IR carries them.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed server certificate with its key, for a TLS backend.</summary>
    public static X509Certificate2 CreateX509(string dnsName)
    {
        var pem = Create(dnsName, dnsName);
        using var ephemeral = X509Certificate2.CreateFromPem(pem.CertificatePem, pem.PrivateKeyPem);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    public static TlsCertificate Create(string dnsName, string? hostname)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new TlsCertificate
        {
            Id = "secret/test/" + dnsName,
            Hostname = hostname,
            CertificatePem = certificate.ExportCertificatePem(),
            PrivateKeyPem = key.ExportPkcs8PrivateKeyPem(),
        };
    }
}
