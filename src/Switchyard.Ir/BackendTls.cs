namespace Switchyard.Ir;

/// <summary>
/// How the data plane verifies a backend's certificate when its <see cref="BackendCluster.Protocol"/> is
/// <see cref="BackendProtocol.Https"/> (Gateway API BackendTLSPolicy).
/// </summary>
public sealed record BackendTls
{
    /// <summary>The name the backend's certificate must be valid for.</summary>
    public required string Hostname { get; init; }

    /// <summary>Trusted CA certificates (PEM bundle) for this backend, or null for the system trust store.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>False to accept any certificate (ingress-nginx's default for HTTPS backends); the fields above are then unused.</summary>
    public bool Verify { get; init; } = true;
}
