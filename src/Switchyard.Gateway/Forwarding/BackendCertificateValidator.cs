using System.Formats.Asn1;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Verifies backend certificates per <see cref="BackendTls"/> (BackendTLSPolicy). The chain is built by SslStream
/// against the policy's trust (<see cref="ChainPolicy"/>: the CA bundle only, or the system store); the name is the
/// SNI name (<see cref="BackendTls.Hostname"/>) checked by SslStream, unless subject alternative names are given: then
/// the certificate must carry one of them instead, and the hostname is not used for authentication.
/// </summary>
internal static class BackendCertificateValidator
{
    // GeneralName choices (RFC 5280, 4.2.1.6), implicitly tagged IA5Strings.
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>
    /// The chain policy trusting only the bundle's certificates, or null for the system trust store. Revocation is not
    /// checked: backends' CAs are usually private, without reachable CRL or OCSP endpoints.
    /// </summary>
    public static X509ChainPolicy? ChainPolicy(BackendTls tls)
    {
        if (string.IsNullOrEmpty(tls.CaCertificatePem))
        {
            return null;
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.ImportFromPem(tls.CaCertificatePem);
        return policy;
    }

    public static RemoteCertificateValidationCallback Create(BackendTls tls)
    {
        var hostnames = tls.SubjectAltNameHostnames.IsDefault ? [] : tls.SubjectAltNameHostnames;
        var uris = tls.SubjectAltNameUris.IsDefault ? [] : tls.SubjectAltNameUris;
        if (hostnames.Length + uris.Length == 0)
        {
            // SslStream checked the chain against the policy's trust and the name against the SNI name (the hostname).
            return static (_, certificate, _, errors) => certificate is not null && errors == SslPolicyErrors.None;
        }

        return (_, certificate, _, errors) =>
            certificate is not null
            && (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None
            && MatchesSubjectAltNames(certificate, hostnames, uris);
    }

    /// <summary>True when the certificate carries a DNS name matching one of <paramref name="hostnames"/> or a URI equal to one of <paramref name="uris"/>.</summary>
    public static bool MatchesSubjectAltNames(X509Certificate certificate, IReadOnlyList<string> hostnames, IReadOnlyList<string> uris)
    {
        var leaf = certificate as X509Certificate2;
        var owned = leaf is null;
        leaf ??= X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            foreach (var extension in leaf.Extensions)
            {
                if (extension.Oid?.Value == "2.5.29.17" && Matches(extension.RawData, hostnames, uris))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (owned)
            {
                leaf.Dispose();
            }
        }
    }

    private static bool Matches(byte[] subjectAltName, IReadOnlyList<string> hostnames, IReadOnlyList<string> uris)
    {
        try
        {
            var names = new AsnReader(subjectAltName, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.HasSameClassAndValue(DnsNameTag))
                {
                    var dnsName = names.ReadCharacterString(UniversalTagNumber.IA5String, DnsNameTag);
                    foreach (var hostname in hostnames)
                    {
                        if (DnsNameMatches(dnsName, hostname))
                        {
                            return true;
                        }
                    }
                }
                else if (tag.HasSameClassAndValue(UriTag))
                {
                    var uri = names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag);
                    foreach (var expected in uris)
                    {
                        if (string.Equals(uri, expected, StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed extension matches nothing.
        }
        catch (CryptographicException)
        {
        }

        return false;
    }

    /// <summary>
    /// A certificate DNS name against a policy name, case-insensitively: equal, or a wildcard on either side standing
    /// for exactly one leftmost label (RFC 6125, 6.4.3: <c>*.example.com</c> covers <c>a.example.com</c>, not
    /// <c>a.b.example.com</c> nor <c>example.com</c>).
    /// </summary>
    public static bool DnsNameMatches(string certificateName, string policyName)
    {
        var a = certificateName.AsSpan().TrimEnd('.');
        var b = policyName.AsSpan().TrimEnd('.');
        if (a.Equals(b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return WildcardCovers(a, b) || WildcardCovers(b, a);
    }

    private static bool WildcardCovers(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        if (!pattern.StartsWith("*.", StringComparison.Ordinal) || name.StartsWith("*", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = name.IndexOf('.');
        return dot > 0 && name[dot..].Equals(pattern[1..], StringComparison.OrdinalIgnoreCase);
    }
}
