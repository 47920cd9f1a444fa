using System.Buffers.Binary;
using Switchyard.Dns.Protocol;

namespace Switchyard.Dns.Tests.Support;

/// <summary>Builds query messages for tests.</summary>
internal static class QueryBuilder
{
    public static byte[] Query(string name, ushort type, ushort id = 0x1234, bool recursionDesired = true, ushort? ednsSize = null, ushort @class = DnsConstants.ClassIn, byte ednsVersion = 0, bool dnssecOk = false)
    {
        var buffer = new byte[512];
        var header = new DnsHeader
        {
            Id = id,
            Flags = recursionDesired ? DnsHeader.FlagRecursionDesired : (ushort)0,
            QuestionCount = 1,
            AdditionalCount = ednsSize is null ? (ushort)0 : (ushort)1,
        };
        DnsWire.TryWriteHeader(buffer, header);
        var position = DnsConstants.HeaderLength;
        Assert.True(DnsWire.TryEncodeName(name, buffer.AsSpan(position), out var nameLength), $"cannot encode {name}");
        position += nameLength;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(position), type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(position + 2), @class);
        position += 4;
        if (ednsSize is { } size)
        {
            DnsWire.TryWriteOpt(buffer.AsSpan(position), size, 0, dnssecOk, out var optLength);
            buffer[position + 6] = ednsVersion;
            position += optLength;
        }

        return buffer[..position];
    }
}
