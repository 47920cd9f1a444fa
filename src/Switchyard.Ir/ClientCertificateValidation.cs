using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// Client certificates asked for in the TLS handshakes a certificate is served in (Gateway API
/// <c>spec.tls.frontend</c>, GEP-91): the client's chain must lead to one of <see cref="CaCertificates"/>.
/// </summary>
public sealed record ClientCertificateValidation
{
    /// <summary>Where the trust anchors came from, e.g. <c>configmap/ns/name</c>, in reference order.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>PEM bundles of trusted CA certificates (one per source); only these are trusted, not the system store.</summary>
    public ImmutableArray<string> CaCertificates { get; init; } = [];

    public ClientCertificateMode Mode { get; init; } = ClientCertificateMode.AllowValidOnly;
}
