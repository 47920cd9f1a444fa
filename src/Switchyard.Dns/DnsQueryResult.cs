using Switchyard.Dns.Protocol;

namespace Switchyard.Dns;

/// <summary>What the responder did with one query message.</summary>
public enum DnsDisposition
{
    /// <summary>The response is in the buffer.</summary>
    Answered,

    /// <summary>Nothing to send (not a query).</summary>
    Dropped,

    /// <summary>Not ours: hand the query to the upstream resolver.</summary>
    Forward,
}

/// <summary>The outcome of <see cref="DnsResponder.Respond"/>, for the server and for metrics (bounded values only).</summary>
public struct DnsQueryResult
{
    public DnsDisposition Disposition;

    public DnsRcode Rcode;

    public ushort QueryType;

    public bool Truncated;

    /// <summary>The query carried an OPT record.</summary>
    public bool Edns;

    /// <summary>The response size limit applied (512 over UDP without EDNS).</summary>
    public int ResponseLimit;

    /// <summary>
    /// When the answer ends in a CNAME to a name outside our zones and an upstream is set: the offset of that target
    /// name in the response, so the server can append the upstream's records for it. Zero otherwise.
    /// </summary>
    public int ChaseOffset;
}
