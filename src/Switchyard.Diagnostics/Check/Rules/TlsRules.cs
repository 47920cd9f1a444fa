using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using GatewayObject = Switchyard.Resources.Model.GatewayApi.Gateway;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>SY5xx: the certificates Gateway listeners terminate TLS with.</summary>
internal sealed class TlsRules : ICheckRules
{
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public void Evaluate(CheckContext context, List<Finding> findings)
    {
        foreach (var gateway in context.Store.OfType<GatewayObject>())
        {
            var listeners = gateway.Spec.Listeners ?? [];
            for (var l = 0; l < listeners.Count; l++)
            {
                var listener = listeners[l];
                var refs = listener.Tls?.CertificateRefs ?? [];
                if (string.Equals(listener.Tls?.Mode, "Passthrough", StringComparison.Ordinal))
                {
                    continue;
                }

                for (var r = 0; r < refs.Count; r++)
                {
                    var field = $"spec.listeners[{l}].tls.certificateRefs[{r}]";
                    Check(context, gateway, listener, refs[r], field, findings);
                }
            }
        }
    }

    private static void Check(CheckContext context, GatewayObject gateway, Listener listener, SecretObjectReference reference, string field, List<Finding> findings)
    {
        if (!string.IsNullOrEmpty(reference.Kind) && !string.Equals(reference.Kind, "Secret", StringComparison.Ordinal))
        {
            return; // the translator's InvalidCertificateRef status covers other kinds
        }

        var ns = reference.Namespace ?? gateway.Metadata.NamespaceProperty ?? "default";
        var secret = context.Store.Get<V1Secret>(string.Empty, "Secret", ns, reference.Name ?? string.Empty);
        var secretName = ns + "/" + reference.Name;
        if (secret is null)
        {
            findings.Add(context.Create(RuleCatalog.TlsSecretMissing, gateway, field,
                $"listener {listener.Name}: Secret {secretName} does not exist",
                $"create it: kubectl create secret tls {reference.Name} -n {ns} --cert=tls.crt --key=tls.key"));
            return;
        }

        var crt = Value(secret, "tls.crt");
        var key = Value(secret, "tls.key");
        if (!string.Equals(secret.Type ?? "Opaque", "kubernetes.io/tls", StringComparison.Ordinal) || crt is null || key is null)
        {
            findings.Add(context.Create(RuleCatalog.TlsSecretWrongType, gateway, field,
                $"listener {listener.Name}: Secret {secretName} has type {secret.Type ?? "Opaque"}{(crt is null ? ", no tls.crt" : string.Empty)}{(key is null ? ", no tls.key" : string.Empty)}",
                "recreate it with kubectl create secret tls (type kubernetes.io/tls with tls.crt and tls.key)"));
            if (crt is null || key is null)
            {
                return;
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(crt);
        }
        catch (CryptographicException e)
        {
            findings.Add(context.Create(RuleCatalog.TlsUnparsable, gateway, field,
                $"listener {listener.Name}: Secret {secretName} tls.crt is not a PEM certificate: {e.Message}",
                "put the PEM certificate chain (-----BEGIN CERTIFICATE-----, leaf first) in tls.crt"));
            return;
        }

        using (certificate)
        {
            if (!KeyMatches(certificate, crt, key, out var keyProblem))
            {
                findings.Add(context.Create(keyProblem is null ? RuleCatalog.TlsKeyMismatch : RuleCatalog.TlsUnparsable, gateway, field,
                    keyProblem is null
                        ? $"listener {listener.Name}: Secret {secretName} tls.key is not the private key of tls.crt"
                        : $"listener {listener.Name}: Secret {secretName} tls.key is not a PEM private key: {keyProblem}",
                    "put the key the certificate was issued for in tls.key (compare `openssl x509 -pubkey` with `openssl pkey -pubout`)"));
            }

            if (!string.IsNullOrEmpty(listener.Hostname))
            {
                var probe = listener.Hostname.StartsWith("*.", StringComparison.Ordinal) ? "sy-probe" + listener.Hostname[1..] : listener.Hostname;
                if (!certificate.MatchesHostname(probe, allowWildcards: true, allowCommonName: false))
                {
                    findings.Add(context.Create(RuleCatalog.TlsSanMismatch, gateway, field,
                        $"listener {listener.Name}: certificate {certificate.Subject} does not cover hostname {listener.Hostname}",
                        $"issue a certificate whose subjectAltName includes DNS:{listener.Hostname}"));
                }
            }

            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            if (notAfter <= context.Now || notBefore > context.Now)
            {
                findings.Add(context.Create(RuleCatalog.TlsExpired, gateway, field,
                    notAfter <= context.Now
                        ? $"listener {listener.Name}: certificate expired at {notAfter:yyyy-MM-ddTHH:mm:ssZ}"
                        : $"listener {listener.Name}: certificate is not valid before {notBefore:yyyy-MM-ddTHH:mm:ssZ}",
                    "renew the certificate and update the Secret"));
            }
            else if (notAfter - context.Now < ExpiryWarning)
            {
                findings.Add(context.Create(RuleCatalog.TlsExpiring, gateway, field,
                    $"listener {listener.Name}: certificate expires at {notAfter:yyyy-MM-ddTHH:mm:ssZ}, in {(notAfter - context.Now).TotalDays:F0} day(s)",
                    "renew the certificate and update the Secret"));
            }
        }
    }

    private static bool KeyMatches(X509Certificate2 certificate, string crt, string key, out string? problem)
    {
        problem = null;
        try
        {
            using var pair = X509Certificate2.CreateFromPem(crt, key);
            return pair.HasPrivateKey;
        }
        catch (CryptographicException e)
        {
            // CreateFromPem reports a mismatched key and an unreadable one the same way; tell them apart.
            if (!CanReadKey(certificate, key))
            {
                problem = e.Message;
            }

            return false;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }

    private static bool CanReadKey(X509Certificate2 certificate, string key)
    {
        try
        {
            AsymmetricAlgorithm algorithm = certificate.GetKeyAlgorithm() switch
            {
                "1.2.840.10045.2.1" => ECDsa.Create(),
                _ => RSA.Create(),
            };
            using (algorithm)
            {
                algorithm.ImportFromPem(key);
            }

            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static string? Value(V1Secret secret, string name)
    {
        if (secret.Data is { } data && data.TryGetValue(name, out var bytes) && bytes is { Length: > 0 })
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return secret.StringData is { } text && text.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
    }
}
