using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Authentication;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tls;

/// <summary>
/// The certificates of one HTTPS listener in one snapshot, selected per connection by SNI: exact hostname, then the
/// longest wildcard, then the catch-all; a client sending no (or an unknown) name gets the catch-all or else the
/// listener's first certificate, unless the listener is strict (<see cref="Listener.StrictSni"/>): then the handshake
/// is refused.
/// </summary>
internal sealed class CertificateTable
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private readonly SniTable<SslStreamCertificateContext> _table;

    private CertificateTable(SniTable<SslStreamCertificateContext> table)
    {
        _table = table;
    }

    public static CertificateTable Build(Listener listener, CertificateCache cache, ICollection<string> problems) =>
        new(SniTable<SslStreamCertificateContext>.Build(listener, certificate => cache.Get(certificate, problems)));

    /// <summary>A table over <paramref name="certificates"/> (most specific hostname first), for a TLS listener that terminates.</summary>
    public static CertificateTable Build(ImmutableArray<TlsCertificate> certificates, bool strictSni, CertificateCache cache, ICollection<string> problems) =>
        new(SniTable<SslStreamCertificateContext>.Build(certificates, strictSni, certificate => cache.Get(certificate, problems)));

    /// <summary>The certificate for <paramref name="serverName"/>, or null when none may be served.</summary>
    public SslStreamCertificateContext? Select(string? serverName) => _table.Select(serverName);

    /// <summary>Server options for one handshake: TLS 1.2+, ALPN h2 and http/1.1.</summary>
    /// <exception cref="AuthenticationException">No certificate may be served for this name (strict listener).</exception>
    public SslServerAuthenticationOptions CreateOptions(string? serverName) => new()
    {
        ServerCertificateContext = Select(serverName) ?? throw new AuthenticationException("no certificate for the requested server name"),
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = Alpn,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
    };
}
