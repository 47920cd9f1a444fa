namespace Switchyard.Dns.View;

/// <summary>A zone the view is authoritative for: its apex and the SOA that goes in negative answers (RFC 2308 §3).</summary>
internal sealed class DnsZoneInfo
{
    public DnsZoneInfo(string apex, byte[] apexWire, int labelCount, bool fallthrough)
    {
        Apex = apex;
        ApexWire = apexWire;
        LabelCount = labelCount;
        Fallthrough = fallthrough;
    }

    public string Apex { get; }

    /// <summary>Lower-case wire form of the apex.</summary>
    public byte[] ApexWire { get; }

    public int LabelCount { get; }

    /// <summary>Names below the apex that do not exist go to the upstream resolver when there is one.</summary>
    public bool Fallthrough { get; }

    /// <summary>The SOA with TTL = min(SOA TTL, MINIMUM), the negative-caching TTL of RFC 2308 §5.</summary>
    public EncodedRecordSet NegativeSoa { get; set; } = null!;
}
