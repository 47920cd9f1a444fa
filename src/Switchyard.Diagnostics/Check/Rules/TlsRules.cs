using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using GatewayObject = Switchyard.Resources.Model.GatewayApi.Gateway;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>SY5xx: the certificates Gateway listeners and Ingresses terminate TLS with.</summary>
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
                    var reference = refs[r];
                    if (!string.IsNullOrEmpty(reference.Kind) && !string.Equals(reference.Kind, "Secret", StringComparison.Ordinal))
                    {
                        continue; // the translator's InvalidCertificateRef status covers other kinds
                    }

                    var ns = reference.Namespace ?? gateway.Metadata.NamespaceProperty ?? "default";
                    var field = $"spec.listeners[{l}].tls.certificateRefs[{r}]";
                    Check(context, gateway, $"listener {listener.Name}", ns, reference.Name ?? string.Empty,
                        listener.Hostname is { Length: > 0 } hostname ? [hostname] : [], field, findings);
                }
            }
        }

        foreach (var ingress in context.Store.OfType<V1Ingress>())
        {
            var tls = ingress.Spec?.Tls ?? [];
            for (var i = 0; i < tls.Count; i++)
            {
                // No secretName: the controller's default certificate serves these hosts (nothing of the Ingress to check).
                if (string.IsNullOrEmpty(tls[i].SecretName))
                {
                    continue;
                }

                Check(context, ingress, $"tls[{i}]", ingress.Metadata.NamespaceProperty ?? "default", tls[i].SecretName,
                    [.. tls[i].Hosts ?? []], $"spec.tls[{i}].secretName", findings);
            }
        }
    }

    /// <param name="subject">What uses the certificate, leading each message: "listener https" or "tls[0]".</param>
    private static void Check(
        CheckContext context, IKubernetesObject<V1ObjectMeta> owner, string subject, string ns, string name, IReadOnlyList<string> hosts, string field, List<Finding> findings)
    {
        var secret = context.Store.Get<V1Secret>(string.Empty, "Secret", ns, name);
        var secretName = ns + "/" + name;
        if (secret is null)
        {
            findings.Add(context.Create(RuleCatalog.TlsSecretMissing, owner, field,
                $"{subject}: Secret {secretName} does not exist",
                $"create it: kubectl create secret tls {name} -n {ns} --cert=tls.crt --key=tls.key"));
            return;
        }

        var crt = Value(secret, "tls.crt");
        var key = Value(secret, "tls.key");
        if (!string.Equals(secret.Type ?? "Opaque", "kubernetes.io/tls", StringComparison.Ordinal) || crt is null || key is null)
        {
            findings.Add(context.Create(RuleCatalog.TlsSecretWrongType, owner, field,
                $"{subject}: Secret {secretName} has type {secret.Type ?? "Opaque"}{(crt is null ? ", no tls.crt" : string.Empty)}{(key is null ? ", no tls.key" : string.Empty)}",
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
            findings.Add(context.Create(RuleCatalog.TlsUnparsable, owner, field,
                $"{subject}: Secret {secretName} tls.crt is not a PEM certificate: {e.Message}",
                "put the PEM certificate chain (-----BEGIN CERTIFICATE-----, leaf first) in tls.crt"));
            return;
        }

        using (certificate)
        {
            if (!KeyMatches(certificate, crt, key, out var keyProblem))
            {
                findings.Add(context.Create(keyProblem is null ? RuleCatalog.TlsKeyMismatch : RuleCatalog.TlsUnparsable, owner, field,
                    keyProblem is null
                        ? $"{subject}: Secret {secretName} tls.key is not the private key of tls.crt"
                        : $"{subject}: Secret {secretName} tls.key is not a PEM private key: {keyProblem}",
                    "put the key the certificate was issued for in tls.key (compare `openssl x509 -pubkey` with `openssl pkey -pubout`)"));
            }

            foreach (var host in hosts)
            {
                // A wildcard host is covered when any name it stands for is: probe with one such name.
                var probe = host.StartsWith("*.", StringComparison.Ordinal) ? "sy-probe" + host[1..] : host;
                if (!certificate.MatchesHostname(probe, allowWildcards: true, allowCommonName: false))
                {
                    findings.Add(context.Create(RuleCatalog.TlsSanMismatch, owner, field,
                        $"{subject}: certificate {certificate.Subject} does not cover hostname {host}",
                        $"issue a certificate whose subjectAltName includes DNS:{host}"));
                }
            }

            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            if (notAfter <= context.Now || notBefore > context.Now)
            {
                findings.Add(context.Create(RuleCatalog.TlsExpired, owner, field,
                    notAfter <= context.Now
                        ? $"{subject}: certificate expired at {notAfter:yyyy-MM-ddTHH:mm:ssZ}"
                        : $"{subject}: certificate is not valid before {notBefore:yyyy-MM-ddTHH:mm:ssZ}",
                    "renew the certificate and update the Secret"));
            }
            else if (notAfter - context.Now < ExpiryWarning)
            {
                findings.Add(context.Create(RuleCatalog.TlsExpiring, owner, field,
                    $"{subject}: certificate expires at {notAfter:yyyy-MM-ddTHH:mm:ssZ}, in {(notAfter - context.Now).TotalDays:F0} day(s)",
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
