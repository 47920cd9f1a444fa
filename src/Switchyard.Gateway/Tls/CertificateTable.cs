using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Authentication;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tls;

/// <summary>
/// The certificates of one TLS-terminating listener in one snapshot, selected per connection by SNI: exact hostname,
/// then the longest wildcard, then the catch-all; a client sending no (or an unknown) name gets the catch-all or else
/// the listener's first certificate, unless the listener is strict (<see cref="Listener.StrictSni"/>): then the
/// handshake is refused. The selected certificate brings its client certificate validation, if any.
/// </summary>
internal sealed class CertificateTable
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private readonly SniTable<ServerTlsEntry> _table;

    private CertificateTable(SniTable<ServerTlsEntry> table)
    {
        _table = table;
    }

    public static CertificateTable Build(Listener listener, CertificateCache cache, ICollection<string> problems) =>
        Build(listener.Certificates, listener.StrictSni, cache, problems);

    /// <summary>A table over <paramref name="certificates"/> (most specific hostname first), for a TLS listener that terminates.</summary>
    public static CertificateTable Build(ImmutableArray<TlsCertificate> certificates, bool strictSni, CertificateCache cache, ICollection<string> problems)
    {
        // Listeners of one Gateway port share one validation: compile it once.
        var policies = new Dictionary<ClientCertificateValidation, ClientCertificatePolicy>(ReferenceEqualityComparer.Instance);
        return new(SniTable<ServerTlsEntry>.Build(certificates, strictSni, certificate =>
        {
            if (cache.Get(certificate, problems) is not { } context)
            {
                return null;
            }

            ClientCertificatePolicy? policy = null;
            if (certificate.ClientValidation is { } validation && !policies.TryGetValue(validation, out policy))
            {
                policy = ClientCertificatePolicy.Create(validation, problems);
                policies[validation] = policy;
            }

            return new ServerTlsEntry(context, policy);
        }));
    }

    /// <summary>The certificate (and client validation) for <paramref name="serverName"/>, or null when none may be served.</summary>
    public ServerTlsEntry? Select(string? serverName) => _table.Select(serverName);

    /// <summary>Server options for one HTTPS handshake: TLS 1.2+, ALPN h2 and http/1.1, client certificates as configured.</summary>
    /// <exception cref="AuthenticationException">No certificate may be served for this name (strict listener).</exception>
    public SslServerAuthenticationOptions CreateOptions(string? serverName) =>
        CreateOptions(Select(serverName) ?? throw new AuthenticationException("no certificate for the requested server name"), Alpn);

    /// <summary>Server options for one handshake serving <paramref name="entry"/>; no ALPN when <paramref name="alpn"/> is null.</summary>
    public static SslServerAuthenticationOptions CreateOptions(ServerTlsEntry entry, List<SslApplicationProtocol>? alpn)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = entry.Certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = alpn,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        entry.ClientPolicy?.Apply(options);
        return options;
    }
}
