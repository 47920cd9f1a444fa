using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Resolves a listener's certificateRef to a core Secret holding tls.crt and tls.key, checked by parsing them in
/// memory, so a broken Secret shows up in status instead of as a failed TLS handshake.
/// </summary>
internal static class TlsCertificates
{
    /// <param name="fromKind">Kind of the referring object (Gateway or ListenerSet), which a cross-namespace ReferenceGrant must name.</param>
    /// <param name="fromNamespace">Namespace of the referring object: the default namespace of the Secret.</param>
    public static CertificateResolution Resolve(StoreSnapshot store, ReferenceGrants grants, string fromKind, string fromNamespace, SecretObjectReference reference, string? hostname, DateTime now)
    {
        var group = reference.Group ?? string.Empty;
        var kind = reference.Kind ?? "Secret";
        if (group.Length != 0 || !string.Equals(kind, "Secret", StringComparison.Ordinal))
        {
            var shown = group.Length == 0 ? kind : $"{kind}.{group}";
            return Refused(ListenerConditions.InvalidCertificateRef, $"{shown} is not supported; certificates must be core Secrets");
        }

        if (string.IsNullOrEmpty(reference.Name))
        {
            return Refused(ListenerConditions.InvalidCertificateRef, "name is required");
        }

        var ns = reference.Namespace ?? fromNamespace;
        var name = reference.Name;
        // Permission is checked before existence, so a missing grant does not reveal what exists in other namespaces.
        if (!grants.Allows(GatewayApiGroup.Name, fromKind, fromNamespace, string.Empty, "Secret", ns, name))
        {
            return Refused(ListenerConditions.RefNotPermitted, $"Secret {ns}/{name} is in another namespace and no ReferenceGrant there allows {fromKind}s from {fromNamespace} to use it");
        }

        return ResolveSecret(store, ns, name, hostname, now);
    }

    /// <summary>
    /// Reads the kubernetes.io/tls Secret <paramref name="ns"/>/<paramref name="name"/> as a certificate served for
    /// <paramref name="hostname"/> (null: any). Permission to use the Secret is the caller's business.
    /// </summary>
    public static CertificateResolution ResolveSecret(StoreSnapshot store, string ns, string name, string? hostname, DateTime now)
    {
        var secret = store.Get<V1Secret>(string.Empty, "Secret", ns, name);
        if (secret is null)
        {
            return Refused(ListenerConditions.InvalidCertificateRef, $"Secret {ns}/{name} not found");
        }

        if (secret.Type is not (null or "kubernetes.io/tls" or "Opaque"))
        {
            return Refused(ListenerConditions.InvalidCertificateRef, $"Secret {ns}/{name} has type {secret.Type}; expected kubernetes.io/tls");
        }

        var certificatePem = Value(secret, "tls.crt");
        var keyPem = Value(secret, "tls.key");
        if (certificatePem is null || keyPem is null)
        {
            return Refused(ListenerConditions.InvalidCertificateRef, $"Secret {ns}/{name} needs both tls.crt and tls.key");
        }

        string? warning = null;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            if (certificate.NotAfter.ToUniversalTime() < now)
            {
                warning = string.Create(CultureInfo.InvariantCulture, $"certificate in Secret {ns}/{name} expired at {certificate.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The exception text differs between platforms; status messages must not.
            return Refused(ListenerConditions.InvalidCertificateRef, $"Secret {ns}/{name}: tls.crt and tls.key must be a PEM certificate and its matching private key");
        }

        var certificateResult = new TlsCertificate
        {
            Id = $"secret/{ns}/{name}",
            Hostname = hostname,
            CertificatePem = certificatePem,
            PrivateKeyPem = keyPem,
        };
        return new CertificateResolution(certificateResult, null, warning);
    }

    private static CertificateResolution Refused(string reason, string message) => new(null, new Problem(reason, message), null);

    // stringData is what people write by hand; the API server would have merged it into data.
    private static string? Value(V1Secret secret, string key)
    {
        if (secret.Data is { } data && data.TryGetValue(key, out var bytes) && bytes is not null)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return secret.StringData is { } stringData && stringData.TryGetValue(key, out var text) ? text : null;
    }
}
