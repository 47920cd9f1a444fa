namespace Switchyard.Ir;

/// <summary>A certificate chain and key, in PEM, served for SNI names matching <see cref="Hostname"/>.</summary>
public sealed record TlsCertificate
{
    /// <summary>Source of the certificate, e.g. <c>secret/ns/name</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Hostname pattern ("foo.example.com", "*.example.com") or null to match any SNI name.</summary>
    public string? Hostname { get; init; }

    /// <summary>How a wildcard <see cref="Hostname"/> matches SNI names.</summary>
    public WildcardMatch Wildcard { get; init; }

    public required string CertificatePem { get; init; }

    public required string PrivateKeyPem { get; init; }

    /// <summary>Client certificate validation in handshakes that serve this certificate, or null for none.</summary>
    public ClientCertificateValidation? ClientValidation { get; init; }
}
