namespace Switchyard.Ir.TlsRouting;

/// <summary>One weighted backend of a TLS route: a share of the route's new connections.</summary>
public sealed record SniBackend
{
    /// <summary>The cluster in <see cref="Snapshot.Clusters"/>, or, when <see cref="Rejected"/>, the unresolved reference (for logs).</summary>
    public required string ClusterId { get; init; }

    /// <summary>Relative share of new connections; 0 is never chosen.</summary>
    public required int Weight { get; init; }

    /// <summary>
    /// Connections given to this backend are closed: its backendRef did not resolve, and Gateway API wants the share
    /// of connections its weight would have received rejected, not spread over the other backends.
    /// </summary>
    public bool Rejected { get; init; }
}
