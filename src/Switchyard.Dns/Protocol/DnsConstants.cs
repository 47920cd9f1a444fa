namespace Switchyard.Dns.Protocol;

/// <summary>Numbers from the DNS RFCs that the codec and the responder use.</summary>
public static class DnsConstants
{
    /// <summary>Header length (RFC 1035 §4.1.1).</summary>
    public const int HeaderLength = 12;

    /// <summary>Longest name in wire form, root label included (RFC 1035 §2.3.4).</summary>
    public const int MaxNameLength = 255;

    /// <summary>Longest label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Largest UDP message without EDNS (RFC 1035 §2.3.4).</summary>
    public const int ClassicUdpSize = 512;

    /// <summary>Largest message over TCP, bounded by the two-byte length prefix (RFC 1035 §4.2.2, RFC 7766 §8).</summary>
    public const int MaxTcpMessage = 65535;

    /// <summary>Highest message offset a compression pointer can reach (14 bits, RFC 1035 §4.1.4).</summary>
    public const int MaxPointerOffset = 0x3FFF;

    /// <summary>Size of an OPT record with no options (RFC 6891 §6.1.2): root name, type, class, TTL, RDLENGTH.</summary>
    public const int OptRecordLength = 11;

    /// <summary>Question type of the OPT pseudo-record (RFC 6891 §6.1.1).</summary>
    public const ushort TypeOpt = 41;

    public const ushort TypeIxfr = 251;

    public const ushort TypeAxfr = 252;

    /// <summary>QTYPE * (RFC 1035 §3.2.3).</summary>
    public const ushort TypeAny = 255;

    public const ushort ClassIn = 1;

    /// <summary>QCLASS * (RFC 1035 §3.2.5).</summary>
    public const ushort ClassAny = 255;
}
