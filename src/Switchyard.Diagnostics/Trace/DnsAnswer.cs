namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The cluster DNS server's answer to one query, decoded: its outcome (<c>NOERROR</c>, <c>NODATA</c>,
/// <c>NXDOMAIN</c>, <c>SERVFAIL</c>, <c>REFUSED</c>, or <c>upstream</c> for a name the server forwards), the records
/// as zone-file style text (<c>A 10.96.0.10</c>, <c>CNAME db.example.com.</c>) and the addresses among them.
/// </summary>
internal sealed record DnsAnswer(string Outcome, IReadOnlyList<string> Records, IReadOnlyList<string> Addresses)
{
    /// <summary>The last CNAME target when the chain leaves the served zones (the upstream resolves it), else null.</summary>
    public string? ExternalTarget { get; init; }

    public bool Exists => Outcome is "NOERROR" or "NODATA";
}
