namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>What Switchyard does with an ingress-nginx annotation (the table in docs/ingress.md says the same).</summary>
internal enum AnnotationSupport
{
    /// <summary>Honoured (possibly partially; docs/ingress.md says how).</summary>
    Supported,

    /// <summary>Accepted without effect because Switchyard already behaves that way; no warning.</summary>
    NoEffect,

    /// <summary>Not supported: ignored with a warning.</summary>
    Unsupported,

    /// <summary>
    /// Not supported and restricts who may see the content (authentication, deny lists): ignoring it would expose what
    /// it protects, so the Ingress's paths answer 503 instead, with a warning.
    /// </summary>
    FailClosed,

    /// <summary>Raw nginx configuration: never executed; ignored with a warning.</summary>
    Snippet,
}
