using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>
/// A contiguous run of addresses of one family that can be handed out, in the order they are handed out. For a
/// Service CIDR that order follows upstream's bitmap allocator: an upper, dynamic band first, then the lower band it
/// keeps for addresses users pick (so automatic picks rarely take an address someone writes into a manifest).
/// </summary>
internal sealed class AddressRange
{
    private readonly UInt128 _first;
    private readonly UInt128 _count;
    private readonly UInt128 _dynamicOffset;

    private AddressRange(AddressFamily family, UInt128 first, UInt128 count, UInt128 dynamicOffset, string text)
    {
        Family = family;
        _first = first;
        _count = count;
        _dynamicOffset = dynamicOffset < count ? dynamicOffset : 0;
        Text = text;
    }

    public AddressFamily Family { get; }

    /// <summary>As configured, for messages.</summary>
    public string Text { get; }

    /// <summary>A Service CIDR: all addresses but the network address, and for IPv4 the broadcast address.</summary>
    public static AddressRange ServiceCidr(IPNetwork network, string text)
    {
        var family = network.BaseAddress.AddressFamily;
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        var size = UInt128.One << (bits - network.PrefixLength);
        var reserved = family == AddressFamily.InterNetwork ? 2u : 1u;
        var count = size > reserved ? size - reserved : UInt128.Zero;
        return new AddressRange(family, ToNumber(network.BaseAddress) + 1, count, DynamicOffset(size), text);
    }

    /// <summary>A pool entry: one IP, or a CIDR without its network (and IPv4 broadcast) address unless it is that small.</summary>
    public static AddressRange PoolEntry(string entry)
    {
        if (IPAddress.TryParse(entry, out var single) && !entry.Contains('/', StringComparison.Ordinal))
        {
            return new AddressRange(single.AddressFamily, ToNumber(single), 1, 0, entry);
        }

        var network = IPNetwork.Parse(entry);
        var family = network.BaseAddress.AddressFamily;
        var hostBits = (family == AddressFamily.InterNetwork ? 32 : 128) - network.PrefixLength;
        var size = hostBits >= 128 ? UInt128.MaxValue : UInt128.One << hostBits;
        var first = ToNumber(network.BaseAddress);
        if (hostBits < 2)
        {
            return new AddressRange(family, first, size, 0, entry);
        }

        var reserved = family == AddressFamily.InterNetwork ? 2u : 1u;
        return new AddressRange(family, first + 1, size - reserved, 0, entry);
    }

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Family)
        {
            return false;
        }

        var n = ToNumber(address);
        return n >= _first && n - _first < _count;
    }

    /// <summary>Every address, dynamic band first; lazily, since a range can be far larger than what is used.</summary>
    public IEnumerable<IPAddress> Candidates()
    {
        for (var i = _dynamicOffset; i < _count; i++)
        {
            yield return FromNumber(_first + i, Family);
        }

        for (var i = UInt128.Zero; i < _dynamicOffset; i++)
        {
            yield return FromNumber(_first + i, Family);
        }
    }

    public static UInt128 ToNumber(IPAddress address)
    {
        UInt128 n = 0;
        foreach (var b in address.GetAddressBytes())
        {
            n = (n << 8) | b;
        }

        return n;
    }

    public static IPAddress FromNumber(UInt128 n, AddressFamily family)
    {
        var bytes = new byte[family == AddressFamily.InterNetwork ? 4 : 16];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(n & 0xff);
            n >>= 8;
        }

        return new IPAddress(bytes);
    }

    // Upstream's calculateRangeOffset: min(max(16, size/16), 256), none for ranges of 16 or fewer.
    private static UInt128 DynamicOffset(UInt128 size)
    {
        if (size <= 16)
        {
            return 0;
        }

        var offset = size / 16;
        return offset < 16 ? 16 : offset > 256 ? 256 : offset;
    }
}
