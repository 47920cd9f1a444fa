using System.Collections.Immutable;
using System.Globalization;
using Switchyard.Ir;
using Switchyard.Ir.Dns;

namespace Switchyard.Dns.Tests.Support;

/// <summary>Builds IR zones from master-file lines (<c>name ttl IN TYPE rdata</c>), for view tests.</summary>
internal static class TestZones
{
    public static readonly string[] Apex =
    [
        "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5",
        "cluster.local. 5 IN NS ns.dns.cluster.local.",
        "dns-version.cluster.local. 5 IN TXT \"1.1.0\"",
        "in-addr.arpa. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5",
        "ip6.arpa. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5",
    ];

    public static Snapshot Snapshot(long generation, params string[] lines) => new()
    {
        Generation = generation,
        Dns = new DnsZone
        {
            Origin = "cluster.local.",
            Records = [.. Apex.Concat(lines).Select(Parse)],
            Fallthrough = ["in-addr.arpa.", "ip6.arpa."],
        },
    };

    public static DnsRecord Parse(string line)
    {
        var parts = line.Split(' ', 5);
        var record = new DnsRecord
        {
            Name = parts[0],
            Ttl = int.Parse(parts[1], CultureInfo.InvariantCulture),
            Type = Enum.Parse<DnsRecordType>(parts[3]),
        };
        var data = parts[4];
        var fields = data.Split(' ');
        return record.Type switch
        {
            DnsRecordType.A or DnsRecordType.AAAA => record with { Address = data },
            DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR => record with { Target = data },
            DnsRecordType.SRV => record with
            {
                Priority = int.Parse(fields[0], CultureInfo.InvariantCulture),
                Weight = int.Parse(fields[1], CultureInfo.InvariantCulture),
                Port = int.Parse(fields[2], CultureInfo.InvariantCulture),
                Target = fields[3],
            },
            DnsRecordType.TXT => record with { Text = data.Trim('"') },
            DnsRecordType.SOA => record with
            {
                Soa = new DnsSoa
                {
                    MName = fields[0],
                    RName = fields[1],
                    Refresh = int.Parse(fields[3], CultureInfo.InvariantCulture),
                    Retry = int.Parse(fields[4], CultureInfo.InvariantCulture),
                    Expire = int.Parse(fields[5], CultureInfo.InvariantCulture),
                    Minimum = int.Parse(fields[6], CultureInfo.InvariantCulture),
                },
            },
            _ => throw new ArgumentException(line),
        };
    }

    public static ImmutableArray<string> Lines(params string[] lines) => [.. lines];
}
