namespace Switchyard.Ir.Dns;

/// <summary>
/// SOA RDATA (RFC 1035 §3.3.13) without the serial: the serial of every zone is <see cref="Snapshot.Generation"/>, so it
/// changes exactly when the data does and a data plane never needs a second source of truth.
/// </summary>
public sealed record DnsSoa
{
    /// <summary>Primary name server, absolute, e.g. <c>ns.dns.cluster.local.</c>.</summary>
    public required string MName { get; init; }

    /// <summary>Mailbox of the responsible person as a name, e.g. <c>hostmaster.cluster.local.</c>.</summary>
    public required string RName { get; init; }

    public int Refresh { get; init; } = 7200;

    public int Retry { get; init; } = 1800;

    public int Expire { get; init; } = 86400;

    /// <summary>Negative-caching TTL (RFC 2308 §4).</summary>
    public required int Minimum { get; init; }
}
