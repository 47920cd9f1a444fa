using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Certificate authorities and the certificates they issue, made in the test (ECDSA P-256).</summary>
internal sealed class TestPki : IDisposable
{
    private readonly ECDsa _key;

    public TestPki(string name)
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>
    /// A certificate issued by this CA, with its private key, for a server (<paramref name="server"/>) or a client,
    /// carrying <paramref name="dnsNames"/> and <paramref name="uris"/> as subject alternative names.
    /// </summary>
    public X509Certificate2 Issue(string commonName, bool server, IEnumerable<string>? dnsNames = null, IEnumerable<string>? uris = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var dnsName in dnsNames ?? [])
        {
            names.AddDnsName(dnsName);
            any = true;
        }

        foreach (var uri in uris ?? [])
        {
            names.AddUri(new Uri(uri));
            any = true;
        }

        if (any)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives the key a form SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A ConfigMap holding this CA's certificate under <c>ca.crt</c>.</summary>
    public string ConfigMap(string ns, string name) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
          namespace: {ns}
        data:
          ca.crt: |
        {string.Join('\n', CertificatePem.Trim().Split('\n').Select(l => "    " + l))}
        """;

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
