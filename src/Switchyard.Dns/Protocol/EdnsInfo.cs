namespace Switchyard.Dns.Protocol;

/// <summary>What a query's OPT pseudo-record said (RFC 6891 §6.1.2–6.1.3), or <see cref="Present"/> false.</summary>
public struct EdnsInfo
{
    public bool Present;

    /// <summary>Requestor's UDP payload size (the OPT CLASS field).</summary>
    public ushort UdpPayloadSize;

    public byte ExtendedRcode;

    public byte Version;

    /// <summary>DNSSEC OK bit (RFC 3225 §3), copied into the response's OPT.</summary>
    public bool DnssecOk;
}
