using System.Collections.Immutable;

namespace Switchyard.Ir.Dns;

/// <summary>
/// Everything the DNS server answers authoritatively: the cluster zone plus the reverse zones (PTR records). Each zone's
/// apex is the owner of one SOA record in <see cref="Records"/>; a name at or below an apex that owns no record and has
/// no descendant with one does not exist (NXDOMAIN).
/// </summary>
public sealed record DnsZone
{
    /// <summary>No zones: a server with this configuration answers nothing authoritatively.</summary>
    public static DnsZone Empty { get; } = new();

    /// <summary>The cluster domain, absolute and lower case (<c>cluster.local.</c>), or empty when DNS is not configured.</summary>
    public string Origin { get; init; } = string.Empty;

    /// <summary>Records in canonical order (RFC 4034 §6.1 name order, then type, then RDATA), no duplicates.</summary>
    public ImmutableArray<DnsRecord> Records { get; init; } = [];

    /// <summary>
    /// Apexes of zones that are served only in part (<c>in-addr.arpa.</c>, <c>ip6.arpa.</c>): a name below one that does
    /// not exist here goes to the upstream resolver when there is one, instead of NXDOMAIN.
    /// </summary>
    public ImmutableArray<string> Fallthrough { get; init; } = [];

    /// <summary>
    /// Names that exist without records of their own (absolute, lower case, sorted), e.g. <c>apps.svc.cluster.local.</c>
    /// for a namespace with no Services: queries for them get NODATA, not NXDOMAIN, as CoreDNS answers for an existing
    /// namespace.
    /// </summary>
    public ImmutableArray<string> EmptyNames { get; init; } = [];

    /// <summary>Adds a problem for every record a DNS data plane could not serve faithfully.</summary>
    public void Validate(List<string> problems)
    {
        var apexes = new List<string>();
        foreach (var record in Records)
        {
            if (record.Type == DnsRecordType.SOA)
            {
                apexes.Add(record.Name);
            }
        }

        var cnames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var others = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in Records)
        {
            var id = $"dns record {record.Name} {record.Type}";
            if (!DnsNames.IsValidAbsolute(record.Name))
            {
                problems.Add($"{id}: invalid owner name");
                continue;
            }

            if (record.Ttl < 0)
            {
                problems.Add($"{id}: negative TTL");
            }

            if (!apexes.Exists(a => DnsNames.IsAtOrBelow(record.Name, a)))
            {
                problems.Add($"{id}: owner is in no zone of this configuration");
            }

            (record.Type == DnsRecordType.CNAME ? cnames : others).Add(record.Name);
            var ok = record.Type switch
            {
                DnsRecordType.A => System.Net.IPAddress.TryParse(record.Address, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
                DnsRecordType.AAAA => System.Net.IPAddress.TryParse(record.Address, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
                DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR => DnsNames.IsValidAbsolute(record.Target),
                DnsRecordType.SRV => DnsNames.IsValidAbsolute(record.Target) && record.Priority is >= 0 and <= 65535
                    && record.Weight is >= 0 and <= 65535 && record.Port is >= 0 and <= 65535,
                DnsRecordType.TXT => record.Text is not null && record.Text.Length <= 4096,
                DnsRecordType.SOA => record.Soa is { } soa && DnsNames.IsValidAbsolute(soa.MName) && DnsNames.IsValidAbsolute(soa.RName) && soa.Minimum >= 0,
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"{id}: invalid or missing data for the type");
            }
        }

        foreach (var name in EmptyNames)
        {
            if (!DnsNames.IsValidAbsolute(name) || !apexes.Exists(a => DnsNames.IsAtOrBelow(name, a)))
            {
                problems.Add($"dns name {name}: invalid or in no zone of this configuration");
            }
        }

        foreach (var name in cnames)
        {
            if (others.Contains(name))
            {
                problems.Add($"dns name {name}: a CNAME cannot share its name with other records");
            }
        }
    }
}
