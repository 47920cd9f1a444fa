using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// How the data plane speaks TLS to a backend whose <see cref="BackendCluster.Protocol"/> is
/// <see cref="BackendProtocol.Https"/> (Gateway API BackendTLSPolicy, the Gateway's backend client certificate).
/// </summary>
public sealed record BackendTls
{
    /// <summary>
    /// The SNI name sent to the backend and, unless <see cref="SubjectAltNameHostnames"/> or
    /// <see cref="SubjectAltNameUris"/> are set, the name its certificate must be valid for.
    /// </summary>
    public required string Hostname { get; init; }

    /// <summary>Trusted CA certificates (PEM bundle) for this backend, or null for the system trust store.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>
    /// DNS names (wildcards allowed) of which the certificate must carry one (or one of <see cref="SubjectAltNameUris"/>)
    /// instead of matching <see cref="Hostname"/>.
    /// </summary>
    public ImmutableArray<string> SubjectAltNameHostnames { get; init; } = [];

    /// <summary>URI subject alternative names (e.g. SPIFFE ids), compared exactly; see <see cref="SubjectAltNameHostnames"/>.</summary>
    public ImmutableArray<string> SubjectAltNameUris { get; init; } = [];

    /// <summary>The client certificate presented to the backend, or null to present none.</summary>
    public TlsCertificate? ClientCertificate { get; init; }

    /// <summary>False to accept any certificate (ingress-nginx's default for HTTPS backends); the fields above are then unused.</summary>
    public bool Verify { get; init; } = true;

    // ImmutableArray compares by reference; the data plane compares settings across snapshots by value.
    public bool Equals(BackendTls? other) =>
        other is not null
        && string.Equals(Hostname, other.Hostname, StringComparison.Ordinal)
        && string.Equals(CaCertificatePem, other.CaCertificatePem, StringComparison.Ordinal)
        && Same(SubjectAltNameHostnames, other.SubjectAltNameHostnames)
        && Same(SubjectAltNameUris, other.SubjectAltNameUris)
        && Equals(ClientCertificate, other.ClientCertificate)
        && Verify == other.Verify;

    public override int GetHashCode() => HashCode.Combine(Hostname, CaCertificatePem, Length(SubjectAltNameHostnames), Length(SubjectAltNameUris), ClientCertificate, Verify);

    private static int Length(ImmutableArray<string> names) => names.IsDefault ? 0 : names.Length;

    private static bool Same(ImmutableArray<string> a, ImmutableArray<string> b) =>
        (a.IsDefault ? [] : a).AsSpan().SequenceEqual((b.IsDefault ? [] : b).AsSpan());
}
