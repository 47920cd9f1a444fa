using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.Policies;

/// <summary>
/// Resolves the caCertificateRefs of a BackendTLSPolicy: each must name a ConfigMap (Core) or a Secret
/// (implementation-specific) in the policy's namespace whose <c>ca.crt</c> holds at least one PEM certificate, parsed
/// here so that a broken bundle shows up in status instead of as failed handshakes.
/// </summary>
internal static class CaCertificateRefs
{
    public const string Key = "ca.crt";

    /// <summary>The PEM bundle of the valid references (null when none is), and a problem per invalid one.</summary>
    public static (string? Pem, List<Problem> Problems, List<string> Warnings) Resolve(StoreSnapshot store, string ns, IReadOnlyList<LocalObjectReference?> references, DateTime now)
    {
        var bundle = new StringBuilder();
        var problems = new List<Problem>();
        var warnings = new List<string>();
        for (var i = 0; i < references.Count; i++)
        {
            if (references[i] is not { } reference)
            {
                continue;
            }

            var field = string.Create(CultureInfo.InvariantCulture, $"caCertificateRefs[{i}]");
            var group = reference.Group ?? string.Empty;
            var kind = reference.Kind ?? string.Empty;
            var name = reference.Name ?? string.Empty;
            string? pem;
            if (group.Length == 0 && string.Equals(kind, "ConfigMap", StringComparison.Ordinal))
            {
                var configMap = store.Get<V1ConfigMap>(string.Empty, "ConfigMap", ns, name);
                if (configMap is null)
                {
                    problems.Add(new Problem(PolicyConditions.InvalidCACertificateRef, $"{field}: ConfigMap {ns}/{name} not found"));
                    continue;
                }

                pem = configMap.Data is { } data && data.TryGetValue(Key, out var text) ? text : null;
            }
            else if (group.Length == 0 && string.Equals(kind, "Secret", StringComparison.Ordinal))
            {
                var secret = store.Get<V1Secret>(string.Empty, "Secret", ns, name);
                if (secret is null)
                {
                    problems.Add(new Problem(PolicyConditions.InvalidCACertificateRef, $"{field}: Secret {ns}/{name} not found"));
                    continue;
                }

                pem = SecretValue(secret);
            }
            else
            {
                var shown = group.Length == 0 ? kind : $"{kind}.{group}";
                problems.Add(new Problem(PolicyConditions.InvalidKind, $"{field}: {shown} {name} is not supported; CA certificates must be in a ConfigMap (or Secret) under key {Key}"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(pem))
            {
                problems.Add(new Problem(PolicyConditions.InvalidCACertificateRef, $"{field}: {kind} {ns}/{name} has no {Key}"));
                continue;
            }

            if (Parse(pem, out var expiry) is not { } certificates)
            {
                problems.Add(new Problem(PolicyConditions.InvalidCACertificateRef, $"{field}: {kind} {ns}/{name}: {Key} must hold PEM certificates"));
                continue;
            }

            if (expiry < now)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: a CA certificate in {kind} {ns}/{name} expired at {expiry:yyyy-MM-ddTHH:mm:ssZ}"));
            }

            bundle.Append(certificates);
        }

        return (bundle.Length == 0 ? null : bundle.ToString(), problems, warnings);
    }

    // Each certificate re-exported, so the bundle is canonical PEM whatever the input's line breaks or comments.
    private static string? Parse(string pem, out DateTime earliestExpiry)
    {
        earliestExpiry = DateTime.MaxValue;
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (certificates.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var certificate in certificates)
        {
            using (certificate)
            {
                var notAfter = certificate.NotAfter.ToUniversalTime();
                if (notAfter < earliestExpiry)
                {
                    earliestExpiry = notAfter;
                }

                sb.Append(certificate.ExportCertificatePem()).Append('\n');
            }
        }

        return sb.ToString();
    }

    // stringData is what people write by hand; the API server would have merged it into data.
    private static string? SecretValue(V1Secret secret)
    {
        if (secret.Data is { } data && data.TryGetValue(Key, out var bytes) && bytes is not null)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return secret.StringData is { } stringData && stringData.TryGetValue(Key, out var text) ? text : null;
    }
}
