namespace Switchyard.Ir.Dns;

/// <summary>
/// One resource record as data. <see cref="Name"/> and every name in the RDATA are absolute, lower case and end with a
/// dot. Only the fields of the record's <see cref="Type"/> are set:
/// A/AAAA <see cref="Address"/>; CNAME/NS/PTR <see cref="Target"/>; SRV <see cref="Priority"/>, <see cref="Weight"/>,
/// <see cref="Port"/>, <see cref="Target"/>; TXT <see cref="Text"/>; SOA <see cref="Soa"/>.
/// </summary>
public sealed record DnsRecord
{
    public required string Name { get; init; }

    public required DnsRecordType Type { get; init; }

    /// <summary>Time to live in seconds.</summary>
    public required int Ttl { get; init; }

    /// <summary>IP address literal (A: IPv4, AAAA: IPv6).</summary>
    public string? Address { get; init; }

    /// <summary>Target name of a CNAME, NS, PTR or SRV record.</summary>
    public string? Target { get; init; }

    public int? Priority { get; init; }

    public int? Weight { get; init; }

    public int? Port { get; init; }

    /// <summary>TXT data as one string; encoders split it into character-strings of at most 255 bytes.</summary>
    public string? Text { get; init; }

    public DnsSoa? Soa { get; init; }
}
