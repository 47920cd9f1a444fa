using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tls;

/// <summary>
/// Parses PEM certificates into <see cref="SslStreamCertificateContext"/>s once and reuses them across snapshots
/// while the PEM is unchanged. Not thread-safe: used while a snapshot is compiled, under the apply lock.
/// </summary>
internal sealed class CertificateCache
{
    private Dictionary<(string Certificate, string Key), SslStreamCertificateContext> _contexts = [];
    private Dictionary<(string Certificate, string Key), SslStreamCertificateContext> _next = [];

    /// <summary>Starts a snapshot: contexts not asked for again before <see cref="EndSnapshot"/> are dropped.</summary>
    public void BeginSnapshot() => _next = [];

    public void EndSnapshot() => _contexts = _next;

    public SslStreamCertificateContext? Get(TlsCertificate certificate, ICollection<string> problems)
    {
        var key = (certificate.CertificatePem, certificate.PrivateKeyPem);
        if (_next.TryGetValue(key, out var context) || _contexts.TryGetValue(key, out context))
        {
            _next[key] = context;
            return context;
        }

        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificate.CertificatePem, certificate.PrivateKeyPem);

            // A PKCS#12 round trip gives the key a form SslStream can use on every platform.
            var leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(certificate.CertificatePem);
            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < chain.Count; i++)
            {
                intermediates.Add(chain[i]);
            }

            context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
            _next[key] = context;
            return context;
        }
        catch (CryptographicException ex)
        {
            problems.Add(string.Concat("certificate ", certificate.Id, " is not usable: ", ex.Message));
            return null;
        }
        catch (ArgumentException ex)
        {
            problems.Add(string.Concat("certificate ", certificate.Id, " is not usable: ", ex.Message));
            return null;
        }
    }
}
