using System.Globalization;
using System.Text;
using Switchyard.Ir;
using Switchyard.Ir.Dns;

namespace Switchyard.Dns;

/// <summary>
/// Writes the zones of a snapshot as RFC 1035 §5 master files: <c>$ORIGIN</c>, <c>$TTL</c>, the SOA first, then one
/// record per line with absolute names (<c>web.default.svc.cluster.local. 5 IN A 192.0.2.10</c>). The SOA serial is the
/// snapshot generation. What an authoritative server such as Knot loads to serve the same data.
/// </summary>
public static class DnsZoneWriter
{
    /// <summary>Writes one zone: <paramref name="apex"/> (default: the cluster domain) and the records under it.</summary>
    /// <returns>False when the snapshot has no such zone (nothing written).</returns>
    public static bool Write(Snapshot snapshot, TextWriter writer, string? apex = null)
    {
        var zone = snapshot.Dns;
        apex ??= zone.Origin;
        var soa = zone.Records.FirstOrDefault(r => r.Type == DnsRecordType.SOA && r.Name.Equals(apex, StringComparison.OrdinalIgnoreCase));
        if (soa is null)
        {
            return false;
        }

        var apexes = zone.Records.Where(r => r.Type == DnsRecordType.SOA).Select(r => r.Name).ToList();
        var serial = unchecked((uint)snapshot.Generation);
        writer.Write("$ORIGIN ");
        writer.Write(soa.Name);
        writer.Write('\n');
        writer.Write("$TTL ");
        writer.Write(soa.Ttl.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
        writer.Write(FormatRecord(soa, serial));
        writer.Write('\n');
        foreach (var record in zone.Records)
        {
            if (ReferenceEquals(record, soa) || ZoneOf(record.Name, apexes) is not { } owner || !owner.Equals(soa.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            writer.Write(FormatRecord(record, serial));
            writer.Write('\n');
        }

        return true;
    }

    /// <summary>Writes every zone (cluster domain first, then the reverse zones), separated by a blank line.</summary>
    public static void WriteAll(Snapshot snapshot, TextWriter writer)
    {
        var apexes = snapshot.Dns.Records.Where(r => r.Type == DnsRecordType.SOA).Select(r => r.Name)
            .OrderBy(a => a.Equals(snapshot.Dns.Origin, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(a => a, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < apexes.Count; i++)
        {
            if (i > 0)
            {
                writer.Write('\n');
            }

            Write(snapshot, writer, apexes[i]);
        }
    }

    /// <summary>One record in master-file form: owner, TTL, class, type, RDATA (RFC 1035 §5.1).</summary>
    public static string FormatRecord(DnsRecord record, uint serial)
    {
        var sb = new StringBuilder(96);
        sb.Append(record.Name).Append(' ').Append(record.Ttl.ToString(CultureInfo.InvariantCulture)).Append(" IN ").Append(record.Type.ToString()).Append(' ');
        switch (record.Type)
        {
            case DnsRecordType.A:
            case DnsRecordType.AAAA:
                sb.Append(record.Address);
                break;
            case DnsRecordType.CNAME:
            case DnsRecordType.NS:
            case DnsRecordType.PTR:
                sb.Append(record.Target);
                break;
            case DnsRecordType.SRV:
                sb.Append(CultureInfo.InvariantCulture, $"{record.Priority} {record.Weight} {record.Port} {record.Target}");
                break;
            case DnsRecordType.TXT:
                AppendText(sb, record.Text ?? string.Empty);
                break;
            case DnsRecordType.SOA:
                var soa = record.Soa!;
                sb.Append(CultureInfo.InvariantCulture, $"{soa.MName} {soa.RName} {serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}");
                break;
        }

        return sb.ToString();
    }

    // RFC 1035 §5.1 <character-string>s: quoted, with \" and \\ escaped, 255 bytes each.
    private static void AppendText(StringBuilder sb, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = 0;
        do
        {
            if (offset > 0)
            {
                sb.Append(' ');
            }

            var chunk = Math.Min(255, bytes.Length - offset);
            sb.Append('"');
            foreach (var b in bytes.AsSpan(offset, chunk))
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    sb.Append('\\').Append((char)b);
                }
                else if (b < 0x20 || b >= 0x7F)
                {
                    sb.Append('\\').Append(((int)b).ToString("D3", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append((char)b);
                }
            }

            sb.Append('"');
            offset += chunk;
        }
        while (offset < bytes.Length);
    }

    // The most specific apex a name is at or below.
    private static string? ZoneOf(string name, List<string> apexes)
    {
        string? best = null;
        foreach (var apex in apexes)
        {
            if (DnsNames.IsAtOrBelow(name, apex) && (best is null || apex.Length > best.Length))
            {
                best = apex;
            }
        }

        return best;
    }
}
