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

    /// <summary>The query's UDP payload size limit as applied (512 without EDNS).</summary>
    public int ResponseLimit;
}
