using System.Globalization;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// A serialized origin split into scheme, host and port (<c>scheme://host[:port]</c>, RFC 6454 §6.1), with the scheme's
/// default port when none is written (80 for http, 443 for https, 0 for others), as Gateway API compares origins.
/// </summary>
internal readonly ref struct CorsOrigin
{
    private CorsOrigin(ReadOnlySpan<char> scheme, ReadOnlySpan<char> host, int port)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
    }

    public ReadOnlySpan<char> Scheme { get; }

    /// <summary>The host as written (an IPv6 literal keeps its brackets).</summary>
    public ReadOnlySpan<char> Host { get; }

    public int Port { get; }

    public static int DefaultPort(ReadOnlySpan<char> scheme) =>
        scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443
        : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? 80
        : 0;

    /// <summary>False for anything that is not an origin (no scheme, a path, an empty host, a bad port, <c>null</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CorsOrigin origin)
    {
        origin = default;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        var scheme = text[..separator];
        var authority = text[(separator + 3)..];
        if (authority.IsEmpty || authority.IndexOfAny('/', '?', '#') >= 0 || authority.Contains('@'))
        {
            return false;
        }

        ReadOnlySpan<char> host;
        ReadOnlySpan<char> portText;
        var hasPort = false;
        if (authority[0] == '[')
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = authority[..(close + 1)];
            var rest = authority[(close + 1)..];
            if (!rest.IsEmpty && rest[0] != ':')
            {
                return false;
            }

            hasPort = !rest.IsEmpty;
            portText = hasPort ? rest[1..] : default;
        }
        else
        {
            var colon = authority.IndexOf(':');
            hasPort = colon >= 0;
            host = hasPort ? authority[..colon] : authority;
            portText = hasPort ? authority[(colon + 1)..] : default;
        }

        var port = DefaultPort(scheme);
        if (host.IsEmpty
            || (hasPort && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)))
        {
            return false;
        }

        origin = new CorsOrigin(scheme, host, port);
        return true;
    }
}
