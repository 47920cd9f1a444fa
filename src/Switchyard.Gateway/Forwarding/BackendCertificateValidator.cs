using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Verifies backend certificates per <see cref="BackendTls"/>: the chain against the given CA bundle (or the system
/// store) and the name against <see cref="BackendTls.Hostname"/>. The SNI name HttpClient sends is the request's Host,
/// so a name mismatch reported by the default check is ignored in favour of the policy's hostname.
/// </summary>
internal static class BackendCertificateValidator
{
    public static RemoteCertificateValidationCallback Create(BackendTls tls)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrEmpty(tls.CaCertificatePem))
        {
            roots.ImportFromPem(tls.CaCertificatePem);
        }

        var hostname = tls.Hostname;
        return (_, certificate, chain, errors) =>
        {
            if (certificate is not X509Certificate2 leaf)
            {
                return false;
            }

            if (!leaf.MatchesHostname(hostname))
            {
                return false;
            }

            if (roots.Count == 0)
            {
                return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            return custom.Build(leaf);
        };
    }
}
