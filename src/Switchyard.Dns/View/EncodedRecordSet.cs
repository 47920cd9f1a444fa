namespace Switchyard.Dns.View;

/// <summary>
/// One RRset (all records of one name and type) encoded once, at compile time, ready to copy into a response. Each
/// record is stored without its owner name (the responder writes a compression pointer there): TYPE, CLASS, TTL,
/// RDLENGTH, RDATA (RFC 1035 §4.1.3). RDATA names inside the owner's zone end in a two-byte pointer to the zone apex,
/// whose offset depends on the question; <see cref="ApexPatches"/> lists where those pointers go.
/// </summary>
internal sealed class EncodedRecordSet
{
    public EncodedRecordSet(ushort type, byte[] body, int[] starts, int[] apexPatches, int[] targetOffsets, string?[] targetNames)
    {
        Type = type;
        Body = body;
        Starts = starts;
        ApexPatches = apexPatches;
        TargetOffsets = targetOffsets;
        TargetNames = targetNames;
        Targets = new DnsNode?[targetNames.Length];
    }

    public ushort Type { get; }

    /// <summary>The records back to back, each without its owner name.</summary>
    public byte[] Body { get; }

    /// <summary>Offset in <see cref="Body"/> where each record starts, plus the end (length <see cref="Count"/> + 1).</summary>
    public int[] Starts { get; }

    /// <summary>Offsets in <see cref="Body"/> of two-byte pointers to the zone apex, ascending.</summary>
    public int[] ApexPatches { get; }

    /// <summary>Per record, offset in <see cref="Body"/> of the RDATA target name (CNAME, NS, PTR, SRV), or -1.</summary>
    public int[] TargetOffsets { get; }

    /// <summary>Per record, the target name in text form (null for types without one); used at compile time.</summary>
    public string?[] TargetNames { get; }

    /// <summary>Per record, the target's node in the same view when it exists (CNAME chase, SRV/NS additional data).</summary>
    public DnsNode?[] Targets { get; }

    /// <summary>For a CNAME: true when the target lies inside a zone of this view (a missing target is then NXDOMAIN).</summary>
    public bool TargetInServedZone { get; set; }

    public int Count => Starts.Length - 1;
}
