namespace Switchyard.Dns.View;

/// <summary>A name that exists in a zone: with RRsets, or as an empty non-terminal (no sets: NODATA for every type).</summary>
internal sealed class DnsNode
{
    public DnsNode(string name, byte[] wireName, int zone)
    {
        Name = name;
        WireName = wireName;
        Zone = zone;
    }

    /// <summary>Absolute lower-case text name.</summary>
    public string Name { get; }

    /// <summary>Lower-case wire name, written when a compression pointer cannot reach an earlier copy.</summary>
    public byte[] WireName { get; }

    /// <summary>Index of the zone the name belongs to.</summary>
    public int Zone { get; }

    public EncodedRecordSet[] Sets { get; set; } = [];

    /// <summary>The CNAME set when the name is an alias (it then has no other set).</summary>
    public EncodedRecordSet? Cname { get; set; }

    public EncodedRecordSet? Find(ushort type)
    {
        foreach (var set in Sets)
        {
            if (set.Type == type)
            {
                return set;
            }
        }

        return null;
    }
}
