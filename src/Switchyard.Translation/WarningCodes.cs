namespace Switchyard.Translation;

/// <summary>
/// Stable names of the translation warnings <c>check</c> turns into findings (<see cref="TranslationWarning.Code"/>); the
/// message stays free text.
/// </summary>
public static class WarningCodes
{
    /// <summary>An Ingress path (host, path, type) another Ingress, or an earlier path, already serves; the message names it.</summary>
    public const string IngressPathConflict = "IngressPathConflict";

    /// <summary>An ingress-nginx or switchyard.dev annotation Switchyard does not know.</summary>
    public const string IngressAnnotationUnknown = "IngressAnnotationUnknown";

    /// <summary>A known annotation Switchyard does not support; ignored.</summary>
    public const string IngressAnnotationUnsupported = "IngressAnnotationUnsupported";

    /// <summary>A raw nginx configuration snippet; never executed.</summary>
    public const string IngressAnnotationSnippet = "IngressAnnotationSnippet";

    /// <summary>An unsupported annotation that restricts access: the Ingress's paths answer 503 instead.</summary>
    public const string IngressAnnotationFailClosed = "IngressAnnotationFailClosed";

    /// <summary>Ingress hosts served over HTTPS without a certificate: their handshakes fail.</summary>
    public const string IngressHostWithoutCertificate = "IngressHostWithoutCertificate";

    /// <summary>A manifest relying on an ingress-nginx behaviour Switchyard deliberately does not reproduce.</summary>
    public const string IngressNginxQuirk = "IngressNginxQuirk";
}
