using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tls;

/// <summary>
/// A compiled <see cref="ClientCertificateValidation"/>: the handshake asks for a client certificate and validates its
/// chain against only the configured CAs (no system roots, no revocation or AIA fetching, extended key usage client
/// authentication when the certificate restricts it). In <see cref="ClientCertificateMode.AllowValidOnly"/> a client
/// without a valid certificate fails the handshake; in insecure-fallback mode it is served anyway.
/// </summary>
internal sealed class ClientCertificatePolicy
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private static readonly RemoteCertificateValidationCallback ValidOnly =
        static (_, certificate, _, errors) => certificate is not null && errors == SslPolicyErrors.None;

    private static readonly RemoteCertificateValidationCallback AnyClient = static (_, _, _, _) => true;

    private readonly X509Certificate2Collection _trust;

    private ClientCertificatePolicy(X509Certificate2Collection trust, ClientCertificateMode mode)
    {
        _trust = trust;
        Mode = mode;
    }

    public ClientCertificateMode Mode { get; }

    /// <summary>Parses the CA bundles; unparsable ones are left out and reported (the translator has checked them).</summary>
    public static ClientCertificatePolicy Create(ClientCertificateValidation validation, ICollection<string> problems)
    {
        var trust = new X509Certificate2Collection();
        var bundles = validation.CaCertificates.IsDefault ? [] : validation.CaCertificates;
        for (var i = 0; i < bundles.Length; i++)
        {
            try
            {
                trust.ImportFromPem(bundles[i]);
            }
            catch (CryptographicException ex)
            {
                var source = i < validation.Sources.Length ? validation.Sources[i] : "CA bundle";
                problems.Add(string.Concat(source, ": CA certificates not usable: ", ex.Message));
            }
        }

        if (trust.Count == 0)
        {
            problems.Add("client certificate validation without a usable CA certificate: every client certificate is refused");
        }

        return new ClientCertificatePolicy(trust, validation.Mode);
    }

    /// <summary>Asks for and checks the client's certificate in one handshake.</summary>
    public void Apply(SslServerAuthenticationOptions options)
    {
        var chain = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        chain.CustomTrustStore.AddRange(_trust);
        chain.ApplicationPolicy.Add(ClientAuthentication);

        // "Required" only makes the server ask; whether a client without one is served is the callback's decision.
        options.ClientCertificateRequired = true;
        options.CertificateChainPolicy = chain;
        options.RemoteCertificateValidationCallback = Mode == ClientCertificateMode.AllowInsecureFallback ? AnyClient : ValidOnly;
    }
}
