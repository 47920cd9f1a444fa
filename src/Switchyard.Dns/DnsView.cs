using System.Collections.Frozen;
using Switchyard.Dns.Protocol;
using Switchyard.Dns.View;
using Switchyard.Ir;
using Switchyard.Ir.Dns;

namespace Switchyard.Dns;

/// <summary>
/// The DNS data of one <see cref="Snapshot"/>, compiled once for answering: every name that exists (owners and the
/// empty non-terminals above them) in a case-insensitive frozen table, each with its RRsets pre-encoded and grouped by
/// type, and the SOA of each zone for negative answers. Immutable; the server swaps whole views, so an answer is never
/// built from two snapshots.
/// </summary>
public sealed class DnsView
{
    private readonly FrozenDictionary<string, DnsNode> _nodes;
    private readonly FrozenDictionary<string, DnsNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly DnsZoneInfo[] _zones;

    private DnsView(long generation, FrozenDictionary<string, DnsNode> nodes, DnsZoneInfo[] zones)
    {
        Generation = generation;
        _nodes = nodes;
        _lookup = nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        _zones = zones;
    }

    /// <summary>The snapshot generation, which is also every zone's SOA serial.</summary>
    public long Generation { get; }

    /// <summary>Number of names that exist (including empty non-terminals).</summary>
    public int NameCount => _nodes.Count;

    /// <summary>Apexes of the zones served, e.g. <c>cluster.local.</c>, <c>in-addr.arpa.</c>.</summary>
    public IEnumerable<string> Zones => _zones.Select(z => z.Apex);

    internal IReadOnlyList<DnsZoneInfo> ZoneList => _zones;

    /// <summary>Compiles the view of a snapshot. Records that fail <see cref="DnsZone.Validate"/> are skipped, never thrown on.</summary>
    public static DnsView Compile(Snapshot snapshot)
    {
        var zone = snapshot.Dns;
        var serial = unchecked((uint)snapshot.Generation);
        var problems = new List<string>();
        var valid = new List<DnsRecord>(zone.Records.Length);
        foreach (var record in zone.Records)
        {
            problems.Clear();
            new DnsZone { Records = [record, Apex(record)] }.Validate(problems);
            if (problems.Count == 0)
            {
                valid.Add(record);
            }
        }

        // Zones: one per SOA owner, most specific first so that nested apexes win.
        var soas = valid.Where(r => r.Type == DnsRecordType.SOA)
            .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderByDescending(r => r.Name.Length)
            .ToList();
        var zones = new DnsZoneInfo[soas.Count];
        for (var i = 0; i < soas.Count; i++)
        {
            var apex = soas[i].Name.ToLowerInvariant();
            var fallthrough = zone.Fallthrough.Contains(apex, StringComparer.OrdinalIgnoreCase);
            zones[i] = new DnsZoneInfo(apex, DnsWire.EncodeName(apex), LabelCount(apex), fallthrough)
            {
                NegativeSoa = RecordSetEncoder.Encode(
                    (ushort)DnsRecordType.SOA, [soas[i]], apex, serial, Math.Min(soas[i].Ttl, soas[i].Soa!.Minimum)),
            };
        }

        // Group by (name, type) in first-seen order, and create every name with its ancestors up to the apex.
        var nodes = new Dictionary<string, DnsNode>(StringComparer.OrdinalIgnoreCase);
        var groups = new Dictionary<(string Name, DnsRecordType Type), List<DnsRecord>>();
        var order = new List<(string Name, DnsRecordType Type)>();
        foreach (var record in valid)
        {
            var zoneIndex = FindZone(zones, record.Name);
            if (zoneIndex < 0)
            {
                continue;
            }

            var name = record.Name.ToLowerInvariant();
            if (!groups.TryGetValue((name, record.Type), out var list))
            {
                groups[(name, record.Type)] = list = [];
                order.Add((name, record.Type));
            }

            if (!list.Exists(r => SameData(r, record)))
            {
                list.Add(record);
            }

            AddWithAncestors(nodes, zones, name, zoneIndex);
        }

        foreach (var empty in zone.EmptyNames)
        {
            if (DnsNames.IsValidAbsolute(empty) && FindZone(zones, empty) is var zoneIndex and >= 0)
            {
                AddWithAncestors(nodes, zones, empty.ToLowerInvariant(), zoneIndex);
            }
        }

        var sets = new Dictionary<string, List<EncodedRecordSet>>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in order)
        {
            var node = nodes[key.Name];
            var encoded = RecordSetEncoder.Encode((ushort)key.Type, groups[key], zones[node.Zone].Apex, serial);
            if (!sets.TryGetValue(key.Name, out var list))
            {
                sets[key.Name] = list = [];
            }

            list.Add(encoded);
        }

        foreach (var (name, list) in sets)
        {
            var node = nodes[name];
            var cname = list.Find(s => s.Type == (ushort)DnsRecordType.CNAME);
            // A CNAME excludes other data (RFC 1034 §3.6.2); Validate reports it, the view keeps only the alias.
            node.Sets = cname is not null ? [cname] : [.. list];
            node.Cname = cname;
        }

        // Resolve targets inside the view: CNAME chase and additional data for SRV and NS.
        foreach (var node in nodes.Values)
        {
            foreach (var set in node.Sets)
            {
                for (var i = 0; i < set.Count; i++)
                {
                    if (set.TargetNames[i] is { } target)
                    {
                        set.Targets[i] = nodes.GetValueOrDefault(target);
                        if (set.Type == (ushort)DnsRecordType.CNAME)
                        {
                            set.TargetInServedZone = FindZone(zones, target) >= 0;
                        }
                    }
                }
            }
        }

        return new DnsView(snapshot.Generation, nodes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), zones);
    }

    /// <summary>Finds the zone a wire name is in (label-wise suffix, ASCII case-insensitive), or -1.</summary>
    internal int FindZone(ReadOnlySpan<byte> wireName, int labelCount, ReadOnlySpan<int> labelOffsets)
    {
        for (var i = 0; i < _zones.Length; i++)
        {
            var zone = _zones[i];
            if (zone.LabelCount > labelCount)
            {
                continue;
            }

            var start = labelOffsets[labelCount - zone.LabelCount];
            var suffix = wireName[start..];
            if (suffix.Length == zone.ApexWire.Length && System.Text.Ascii.EqualsIgnoreCase(suffix, zone.ApexWire))
            {
                return i;
            }
        }

        return -1;
    }

    internal DnsNode? Lookup(ReadOnlySpan<char> key) => _lookup.TryGetValue(key, out var node) ? node : null;

    internal DnsZoneInfo Zone(int index) => _zones[index];

    private static int FindZone(DnsZoneInfo[] zones, string name)
    {
        for (var i = 0; i < zones.Length; i++)
        {
            if (DnsNames.IsAtOrBelow(name, zones[i].Apex))
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddWithAncestors(Dictionary<string, DnsNode> nodes, DnsZoneInfo[] zones, string name, int zoneIndex)
    {
        for (var ancestor = name; ; ancestor = Parent(ancestor))
        {
            if (!nodes.ContainsKey(ancestor))
            {
                nodes[ancestor] = new DnsNode(ancestor, DnsWire.EncodeName(ancestor), zoneIndex);
            }

            if (ancestor.Equals(zones[zoneIndex].Apex, StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    private static string Parent(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || dot == name.Length - 1 ? "." : name[(dot + 1)..];
    }

    private static int LabelCount(string name) => name == "." ? 0 : name.Count(c => c == '.');

    // A record validated alone needs some SOA to be "in a zone": pair it with a stand-in apex at the root.
    private static DnsRecord Apex(DnsRecord record) => new()
    {
        Name = ".",
        Type = DnsRecordType.SOA,
        Ttl = 0,
        Soa = new DnsSoa { MName = ".", RName = ".", Minimum = 0 },
    };

    private static bool SameData(DnsRecord a, DnsRecord b) => a with { Name = b.Name } == b;
}
