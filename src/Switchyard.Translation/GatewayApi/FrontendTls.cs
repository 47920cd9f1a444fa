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
/// Gateway <c>spec.tls.frontend</c> (GEP-91): the client certificate validation of each listener that terminates TLS,
/// from the <c>perPort</c> entry for its port or else the <c>default</c>, with its CA certificates read from
/// ConfigMaps (key <c>ca.crt</c>) and checked by parsing them, so a broken reference shows in the listener's status.
/// </summary>
internal static class FrontendTls
{
    private const string CaKey = "ca.crt";

    /// <summary>The validation settings that apply to a listener on <paramref name="port"/>, with the field they come from; null for none.</summary>
    public static (FrontendTlsValidation Validation, string Field)? For(Gateway gateway, int port)
    {
        if (gateway.Spec.Tls?.Frontend is not { } frontend)
        {
            return null;
        }

        var perPort = frontend.PerPort ?? [];
        for (var i = 0; i < perPort.Count; i++)
        {
            if (perPort[i] is { } entry && entry.Port == port)
            {
                return entry.Tls?.Validation is { } validation
                    ? (validation, string.Create(CultureInfo.InvariantCulture, $"spec.tls.frontend.perPort[{i}].tls.validation"))
                    : null;
            }
        }

        return frontend.Default?.Validation is { } fallback ? (fallback, "spec.tls.frontend.default.validation") : null;
    }

    /// <summary>True when the default or some perPort entry lets clients without a valid certificate through.</summary>
    public static bool AllowsInsecureFallback(Gateway gateway)
    {
        if (gateway.Spec.Tls?.Frontend is not { } frontend)
        {
            return false;
        }

        return IsFallback(frontend.Default?.Validation) || (frontend.PerPort ?? []).Exists(p => IsFallback(p?.Tls?.Validation));

        static bool IsFallback(FrontendTlsValidation? validation) => string.Equals(validation?.Mode, "AllowInsecureFallback", StringComparison.Ordinal);
    }

    /// <summary>
    /// Resolves every caCertificateRef: the IR validation from the usable ones (null when none is), and one problem per
    /// unusable one, each with the Gateway API reason for it.
    /// </summary>
    public static (ClientCertificateValidation? Validation, List<Problem> Problems, List<(string Field, string Message)> Warnings) Resolve(
        StoreSnapshot store, ReferenceGrants grants, string gatewayNamespace, string field, FrontendTlsValidation validation, DateTime now)
    {
        var sources = new List<string>();
        var bundles = new List<string>();
        var problems = new List<Problem>();
        var warnings = new List<(string Field, string Message)>();
        var refs = validation.CaCertificateRefs ?? [];
        if (refs.Count == 0)
        {
            problems.Add(new Problem(ListenerConditions.InvalidCACertificateRef, $"{field}.caCertificateRefs: at least one CA certificate is required"));
        }

        for (var i = 0; i < refs.Count; i++)
        {
            if (refs[i] is not { } reference)
            {
                continue;
            }

            var refField = string.Create(CultureInfo.InvariantCulture, $"{field}.caCertificateRefs[{i}]");
            var (pem, problem, warning) = ResolveOne(store, grants, gatewayNamespace, reference, now);
            if (problem is { } refused)
            {
                problems.Add(refused with { Message = $"{refField}: {refused.Message}" });
                continue;
            }

            if (warning is not null)
            {
                warnings.Add((refField, warning));
            }

            sources.Add($"configmap/{reference.Namespace ?? gatewayNamespace}/{reference.Name}");
            bundles.Add(pem!);
        }

        if (bundles.Count == 0)
        {
            return (null, problems, warnings);
        }

        var mode = string.Equals(validation.Mode, "AllowInsecureFallback", StringComparison.Ordinal)
            ? ClientCertificateMode.AllowInsecureFallback
            : ClientCertificateMode.AllowValidOnly;
        return (new ClientCertificateValidation { Sources = [.. sources], CaCertificates = [.. bundles], Mode = mode }, problems, warnings);
    }

    private static (string? Pem, Problem? Problem, string? Warning) ResolveOne(
        StoreSnapshot store, ReferenceGrants grants, string gatewayNamespace, ObjectReference reference, DateTime now)
    {
        var group = reference.Group ?? string.Empty;
        var kind = reference.Kind ?? string.Empty;
        if (group.Length != 0 || !string.Equals(kind, "ConfigMap", StringComparison.Ordinal))
        {
            var shown = group.Length == 0 ? kind : $"{kind}.{group}";
            return Refused(ListenerConditions.InvalidCACertificateKind, $"{(shown.Length == 0 ? "(no kind)" : shown)} is not supported; CA certificates must be in a core ConfigMap under key {CaKey}");
        }

        if (string.IsNullOrEmpty(reference.Name))
        {
            return Refused(ListenerConditions.InvalidCACertificateRef, "name is required");
        }

        var ns = reference.Namespace ?? gatewayNamespace;
        var name = reference.Name;

        // Permission is checked before existence, so a missing grant does not reveal what exists in other namespaces.
        if (!grants.Allows(GatewayApiGroup.Name, Gateway.KindName, gatewayNamespace, string.Empty, "ConfigMap", ns, name))
        {
            return Refused(ListenerConditions.RefNotPermitted, $"ConfigMap {ns}/{name} is in another namespace and no ReferenceGrant there allows Gateways from {gatewayNamespace} to use it");
        }

        var configMap = store.Get<V1ConfigMap>(string.Empty, "ConfigMap", ns, name);
        if (configMap is null)
        {
            return Refused(ListenerConditions.InvalidCACertificateRef, $"ConfigMap {ns}/{name} not found");
        }

        string? pem = null;
        if (configMap.Data is { } data && data.TryGetValue(CaKey, out var text))
        {
            pem = text;
        }
        else if (configMap.BinaryData is { } binary && binary.TryGetValue(CaKey, out var bytes) && bytes is not null)
        {
            pem = Encoding.UTF8.GetString(bytes);
        }

        if (string.IsNullOrWhiteSpace(pem))
        {
            return Refused(ListenerConditions.InvalidCACertificateRef, $"ConfigMap {ns}/{name} has no key {CaKey}");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            // The exception text differs between platforms; status messages must not.
            certificates.Clear();
        }

        try
        {
            if (certificates.Count == 0)
            {
                return Refused(ListenerConditions.InvalidCACertificateRef, $"ConfigMap {ns}/{name}: {CaKey} must hold PEM certificates");
            }

            string? warning = null;
            foreach (var certificate in certificates)
            {
                if (certificate.NotAfter.ToUniversalTime() < now)
                {
                    warning = string.Create(CultureInfo.InvariantCulture, $"a CA certificate in ConfigMap {ns}/{name} ({certificate.Subject}) expired at {certificate.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}");
                }
            }

            return (pem, null, warning);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static (string?, Problem?, string?) Refused(string reason, string message) => (null, new Problem(reason, message), null);
}
