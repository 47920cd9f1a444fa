namespace Switchyard.Gateway.Routing;

/// <summary>Hostname helpers shared by virtual-host, rule-hostname and SNI lookups.</summary>
internal static class Hostnames
{
    /// <summary>
    /// Strips the port from a Host header value (<c>a.example.com:8080</c> → <c>a.example.com</c>,
    /// <c>[::1]:80</c> → <c>[::1]</c>) and one trailing dot (<c>example.com.</c> → <c>example.com</c>).
    /// </summary>
    public static ReadOnlySpan<char> StripPort(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[0] == '[')
        {
            var end = host.IndexOf(']');
            return end < 0 ? host : host[..(end + 1)];
        }

        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        if (host.Length > 1 && host[^1] == '.')
        {
            host = host[..^1];
        }

        return host;
    }

    /// <summary>True for <c>*.suffix</c> patterns.</summary>
    public static bool IsWildcard(string pattern) => pattern.Length > 2 && pattern[0] == '*' && pattern[1] == '.';

    /// <summary>
    /// Matches a host (port stripped) against a pattern: exact (case-insensitive), <c>*.example.com</c>
    /// (one or more labels before the suffix, per Gateway API), or null/empty/<c>*</c> for any host.
    /// </summary>
    public static bool Matches(string? pattern, ReadOnlySpan<char> host)
    {
        if (string.IsNullOrEmpty(pattern) || pattern == "*")
        {
            return true;
        }

        if (IsWildcard(pattern))
        {
            var suffix = pattern.AsSpan(1);
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }

        return host.Equals(pattern, StringComparison.OrdinalIgnoreCase);
    }
}
