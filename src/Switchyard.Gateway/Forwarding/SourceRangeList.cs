using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// A compiled client address allow list (<see cref="Ir.RouteAction.SourceRanges"/>). IPv4 clients on a dual-stack
/// socket (IPv4-mapped IPv6) are compared as IPv4. An entry that cannot be read matches nobody, so a broken list
/// narrows access instead of opening it. Checking does not allocate.
/// </summary>
internal sealed class SourceRangeList
{
    private readonly Range[] _v4;
    private readonly Range[] _v6;

    private SourceRangeList(Range[] v4, Range[] v6)
    {
        _v4 = v4;
        _v6 = v6;
    }

    /// <summary>The compiled list, or null when <paramref name="ranges"/> is empty (every client allowed).</summary>
    public static SourceRangeList? Create(ImmutableArray<string> ranges, ICollection<string> problems)
    {
        if (ranges.IsDefaultOrEmpty)
        {
            return null;
        }

        var v4 = new List<Range>();
        var v6 = new List<Range>();
        foreach (var text in ranges)
        {
            if (!IPNetwork.TryParse(text, out var network))
            {
                problems.Add(string.Concat("source range ", text, " is not a CIDR; it matches no client"));
                continue;
            }

            var bytes = network.BaseAddress.GetAddressBytes();
            var high = BinaryPrimitives.ReadUInt64BigEndian(Pad(bytes));
            var low = BinaryPrimitives.ReadUInt64BigEndian(Pad(bytes).AsSpan(8));
            var range = new Range(high, low, network.PrefixLength);
            (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? v4 : v6).Add(range);
        }

        return new SourceRangeList([.. v4], [.. v6]);
    }

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return Contains(_v4, bytes);
        }

        address.TryWriteBytes(bytes, out _);
        if (address.IsIPv4MappedToIPv6)
        {
            bytes[..4].Clear();
            bytes[12..16].CopyTo(bytes);
            bytes[4..].Clear();
            return Contains(_v4, bytes);
        }

        return Contains(_v6, bytes);
    }

    private static bool Contains(Range[] ranges, ReadOnlySpan<byte> bytes)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        foreach (var range in ranges)
        {
            if (range.Contains(high, low))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Pad(byte[] bytes)
    {
        var padded = new byte[16];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>A network as two 64-bit halves of its (left-aligned, zero-padded) address bytes.</summary>
    private readonly record struct Range(ulong High, ulong Low, int PrefixLength)
    {
        public bool Contains(ulong high, ulong low)
        {
            var bits = PrefixLength;
            var highMask = bits >= 64 ? ulong.MaxValue : bits == 0 ? 0 : ulong.MaxValue << (64 - bits);
            var lowBits = bits - 64;
            var lowMask = lowBits <= 0 ? 0 : lowBits >= 64 ? ulong.MaxValue : ulong.MaxValue << (64 - lowBits);
            return (high & highMask) == High && (low & lowMask) == Low;
        }
    }
}
