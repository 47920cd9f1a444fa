using System.Buffers.Binary;
using System.Net;
using System.Text;
using Switchyard.Dns.Protocol;
using Switchyard.Ir.Dns;

namespace Switchyard.Dns.View;

/// <summary>Encodes IR records into <see cref="EncodedRecordSet"/>s at compile time (allocation is fine here).</summary>
internal static class RecordSetEncoder
{
    public static EncodedRecordSet Encode(ushort type, IReadOnlyList<DnsRecord> records, string zoneApex, uint serial, int? ttlOverride = null)
    {
        var body = new List<byte>(records.Count * 32);
        var starts = new int[records.Count + 1];
        var patches = new List<int>();
        var targetOffsets = new int[records.Count];
        var targetNames = new string?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            starts[i] = body.Count;
            targetOffsets[i] = -1;
            AppendUInt16(body, type);
            AppendUInt16(body, DnsConstants.ClassIn);
            AppendUInt32(body, (uint)Math.Max(0, ttlOverride ?? record.Ttl));
            var lengthAt = body.Count;
            AppendUInt16(body, 0);
            var rdataStart = body.Count;
            switch (record.Type)
            {
                // RFC 1035 §3.4.1 / RFC 3596 §2.2: the address bytes.
                case DnsRecordType.A:
                case DnsRecordType.AAAA:
                    body.AddRange(IPAddress.Parse(record.Address!).GetAddressBytes());
                    break;

                // RFC 1035 §3.3.1, §3.3.11, §3.3.12: one domain name, compressible.
                case DnsRecordType.CNAME:
                case DnsRecordType.NS:
                case DnsRecordType.PTR:
                    targetOffsets[i] = body.Count;
                    targetNames[i] = record.Target;
                    AppendName(body, record.Target!, zoneApex, patches);
                    break;

                // RFC 2782: priority, weight, port, target; the target is never compressed.
                case DnsRecordType.SRV:
                    AppendUInt16(body, (ushort)record.Priority!.Value);
                    AppendUInt16(body, (ushort)record.Weight!.Value);
                    AppendUInt16(body, (ushort)record.Port!.Value);
                    targetOffsets[i] = body.Count;
                    targetNames[i] = record.Target;
                    body.AddRange(DnsWire.EncodeName(record.Target!));
                    break;

                // RFC 1035 §3.3.14: one or more <character-string>s of at most 255 bytes.
                case DnsRecordType.TXT:
                    var text = Encoding.UTF8.GetBytes(record.Text ?? string.Empty);
                    var offset = 0;
                    do
                    {
                        var chunk = Math.Min(255, text.Length - offset);
                        body.Add((byte)chunk);
                        body.AddRange(text.AsSpan(offset, chunk));
                        offset += chunk;
                    }
                    while (offset < text.Length);
                    break;

                // RFC 1035 §3.3.13: MNAME, RNAME, SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM.
                case DnsRecordType.SOA:
                    var soa = record.Soa!;
                    AppendName(body, soa.MName, zoneApex, patches);
                    AppendName(body, soa.RName, zoneApex, patches);
                    AppendUInt32(body, serial);
                    AppendUInt32(body, (uint)soa.Refresh);
                    AppendUInt32(body, (uint)soa.Retry);
                    AppendUInt32(body, (uint)soa.Expire);
                    AppendUInt32(body, (uint)soa.Minimum);
                    break;
            }

            var rdLength = body.Count - rdataStart;
            body[lengthAt] = (byte)(rdLength >> 8);
            body[lengthAt + 1] = (byte)rdLength;
        }

        starts[records.Count] = body.Count;
        return new EncodedRecordSet(type, [.. body], starts, [.. patches], targetOffsets, targetNames);
    }

    /// <summary>
    /// A name inside the zone becomes its labels above the apex plus a pointer to the apex (RFC 1035 §4.1.4), patched per
    /// response; any other name is written in full.
    /// </summary>
    private static void AppendName(List<byte> body, string name, string zoneApex, List<int> patches)
    {
        if (zoneApex.Length > 1 && DnsNames.IsAtOrBelow(name, zoneApex))
        {
            var prefix = name[..(name.Length - zoneApex.Length)];
            if (prefix.Length > 0)
            {
                var wire = DnsWire.EncodeName(prefix);
                body.AddRange(wire.AsSpan(0, wire.Length - 1));
            }

            patches.Add(body.Count);
            AppendUInt16(body, 0xC000);
            return;
        }

        body.AddRange(DnsWire.EncodeName(name));
    }

    private static void AppendUInt16(List<byte> body, ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        body.AddRange(buffer);
    }

    private static void AppendUInt32(List<byte> body, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        body.AddRange(buffer);
    }
}
