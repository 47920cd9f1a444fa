using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Resources.Validation;

/// <summary>
/// IP and CIDR checks as the API server makes them for its "legacy" fields (clusterIPs, podIPs, externalIPs,
/// EndpointSlice addresses, NetworkPolicy ipBlocks). With the StrictIPCIDRValidation gate off, its default, those
/// fields accept anything Go's sloppy parser accepts: IPv4 octets with leading zeros, IPv4-mapped IPv6, host bits in
/// CIDRs. .NET's own parser is looser still ("1", "0x7f.1"), so IPv4 is parsed here by hand.
/// </summary>
internal static class IpValidation
{
    public const string InvalidIpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    public const string InvalidCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    /// <summary>Parses an IP as Go's <c>netutils.ParseIPSloppy</c> does. IPv4-mapped IPv6 addresses come back as IPv4.</summary>
    public static bool TryParseSloppy(string? value, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        // Go decides the family by whichever of '.' or ':' comes first.
        foreach (var c in value)
        {
            if (c == '.')
            {
                return TryParseIPv4(value, out address);
            }

            if (c == ':')
            {
                return TryParseIPv6(value, out address);
            }
        }

        return false;
    }

    /// <summary>Parses a CIDR as Go's <c>netutils.ParseCIDRSloppy</c> does; host bits may be set.</summary>
    public static bool TryParseCidrSloppy(string? value, out IPAddress address, out int prefixLength)
    {
        address = IPAddress.None;
        prefixLength = 0;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var ipPart = value[..slash];
        var maskPart = value[(slash + 1)..];
        int bits;
        if (TryParseIPv4(ipPart, out address))
        {
            bits = 32;
        }
        else if (TryParseIPv6(ipPart, out address))
        {
            // A CIDR written in IPv6 notation keeps its 128-bit mask, even for an IPv4-mapped address.
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                address = address.MapToIPv6();
            }

            bits = 128;
        }
        else
        {
            return false;
        }

        if (maskPart.Length == 0 || maskPart.Length > 9)
        {
            return false;
        }

        var n = 0;
        foreach (var c in maskPart)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            n = (n * 10) + (c - '0');
        }

        if (n > bits)
        {
            return false;
        }

        prefixLength = n;
        return true;
    }

    /// <summary>
    /// A strict address literal, as Go's <c>netip.ParseAddr</c> (behind CEL <c>isIP()</c> and the ipv4/ipv6 schema formats)
    /// reads one: four decimal octets without leading zeros, or IPv6 text without a zone. .NET alone would also take
    /// "1", "0x7f.1" or "192.0.2.010".
    /// </summary>
    public static bool IsStrictIP(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return !value.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var octets = 0;
        foreach (var range in value.AsSpan().Split('.'))
        {
            var octet = value.AsSpan()[range];
            if (++octets > 4 || octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0')
                || !int.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 255)
            {
                return false;
            }
        }

        return octets == 4;
    }

    /// <summary>True for IPv4 (including IPv4-mapped IPv6), as Go's <c>ip.To4() != nil</c>.</summary>
    public static bool IsIPv4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;

    /// <summary>The API server's check for legacy IP fields (<c>IsValidIPForLegacyField</c>, strict validation off).</summary>
    public static bool ValidateIpForLegacyField(ValidationContext ctx, string path, string? value)
    {
        if (TryParseSloppy(value, out _))
        {
            return true;
        }

        ctx.Invalid(path, value, InvalidIpMessage);
        return false;
    }

    /// <summary>The API server's check for legacy CIDR fields (<c>IsValidCIDRForLegacyField</c>, strict validation off).</summary>
    public static bool ValidateCidrForLegacyField(ValidationContext ctx, string path, string? value)
    {
        if (TryParseCidrSloppy(value, out _, out _))
        {
            return true;
        }

        ctx.Invalid(path, value, InvalidCidrMessage);
        return false;
    }

    /// <summary>
    /// Rejects addresses that make no sense as endpoints or external IPs: unspecified, link-local, and (unless
    /// <paramref name="allowLoopback"/>) loopback (<c>ValidateNonSpecialIP</c>).
    /// </summary>
    public static void ValidateNonSpecialIp(ValidationContext ctx, string path, string? value, bool allowLoopback = false)
    {
        if (!TryParseSloppy(value, out var ip))
        {
            ctx.Invalid(path, value, "must be a valid IP address");
            return;
        }

        var bytes = ip.GetAddressBytes();
        var v4 = bytes.Length == 4;
        if (bytes.All(b => b == 0))
        {
            ctx.Invalid(path, value, $"may not be unspecified ({value})");
        }

        if (!allowLoopback && (v4 ? bytes[0] == 127 : IPAddress.IPv6Loopback.Equals(ip)))
        {
            ctx.Invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        }

        if (v4 ? bytes[0] == 169 && bytes[1] == 254 : bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80)
        {
            ctx.Invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }

        if (v4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02)
        {
            ctx.Invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
    }

    /// <summary>Whether the list holds at least one IPv4 and one IPv6 address (<c>netutils.IsDualStackIPStrings</c>).</summary>
    public static bool IsDualStack(IEnumerable<string> values)
    {
        var v4 = false;
        var v6 = false;
        foreach (var value in values)
        {
            if (!TryParseSloppy(value, out var ip))
            {
                continue;
            }

            if (IsIPv4(ip))
            {
                v4 = true;
            }
            else
            {
                v6 = true;
            }
        }

        return v4 && v6;
    }

    /// <summary>Whether <paramref name="inner"/> lies inside the network <paramref name="outer"/>/<paramref name="outerPrefix"/>.</summary>
    public static bool Contains(IPAddress outer, int outerPrefix, IPAddress inner)
    {
        var a = outer.GetAddressBytes();
        var b = inner.GetAddressBytes();
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var bit = 0; bit < outerPrefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseIPv4(string value, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> octets = stackalloc byte[4];
        var pos = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                if (pos >= value.Length || value[pos] != '.')
                {
                    return false;
                }

                pos++;
            }

            var start = pos;
            var n = 0;
            while (pos < value.Length && value[pos] is >= '0' and <= '9')
            {
                n = (n * 10) + (value[pos] - '0');
                if (n > 0xFF)
                {
                    return false;
                }

                pos++;
            }

            if (pos == start)
            {
                return false;
            }

            octets[i] = (byte)n;
        }

        if (pos != value.Length)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }

    private static bool TryParseIPv6(string value, out IPAddress address)
    {
        address = IPAddress.None;

        // Go accepts neither zones, brackets, prefixes nor whitespace, all of which .NET would take.
        foreach (var c in value)
        {
            if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(value, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }
}
