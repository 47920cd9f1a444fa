using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>Parsers for annotation values in the forms ingress-nginx accepts. Each returns false for a value it cannot read.</summary>
internal static class NginxValues
{
    /// <summary>"true"/"false" in any case (ingress-nginx uses Go's strconv.ParseBool, which also takes 1/0, t/f).</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "t":
                value = true;
                return true;
            case "false" or "0" or "f":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Whole seconds, as the proxy timeout annotations take them (<c>"60"</c>); an <c>s</c> suffix is tolerated.</summary>
    public static bool TrySeconds(string text, out TimeSpan value)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('s'))
        {
            trimmed = trimmed[..^1];
        }

        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>An nginx size: bytes, or a number with k/K, m/M or g/G (1024-based). "0" means no limit (null).</summary>
    public static bool TrySize(string text, out long? bytes)
    {
        bytes = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        long multiplier = char.ToLowerInvariant(trimmed[^1]) switch
        {
            'k' => 1024,
            'm' => 1024 * 1024,
            'g' => 1024 * 1024 * 1024,
            _ => 1,
        };
        var digits = multiplier == 1 ? trimmed : trimmed[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = number == 0 ? null : number * multiplier;
        return true;
    }

    /// <summary>A comma-separated list, entries trimmed, empty entries dropped.</summary>
    public static List<string> List(string text) =>
        [.. text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>
    /// A comma-separated list of CIDRs or addresses as canonical CIDRs (an address becomes /32 or /128; host bits are
    /// cleared, as nginx does). Entries that cannot be read are returned in <paramref name="invalid"/>.
    /// </summary>
    public static List<string> Cidrs(string text, List<string> invalid)
    {
        var result = new List<string>();
        foreach (var entry in List(text))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? entry : entry[..slash];
            // Dotted quads or IPv6 text only: IPAddress.TryParse also reads "10" as 0.0.0.10.
            var looksLikeIp = addressText.Contains(':', StringComparison.Ordinal) || addressText.Count(c => c == '.') == 3;
            if (!looksLikeIp || !IPAddress.TryParse(addressText, out var address))
            {
                invalid.Add(entry);
                continue;
            }

            var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var prefix = bits;
            if (slash >= 0 && (!int.TryParse(entry[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
            {
                invalid.Add(entry);
                continue;
            }

            var bytes = address.GetAddressBytes();
            for (var i = 0; i < bytes.Length; i++)
            {
                var keep = Math.Clamp(prefix - (i * 8), 0, 8);
                bytes[i] &= (byte)(0xFF << (8 - keep));
            }

            var cidr = string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/{prefix}");
            if (!result.Contains(cidr, StringComparer.Ordinal))
            {
                result.Add(cidr);
            }
        }

        return result;
    }
}
