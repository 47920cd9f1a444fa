namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Gateway API hostname rules: a hostname is exact ("foo.example.com") or a leading wildcard ("*.example.com") that
/// matches one or more labels in front of the suffix, never the bare suffix. Hostnames are lower-cased on input.
/// </summary>
internal static class Hostnames
{
    public static bool IsWildcard(string hostname) => hostname.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Lower-cases a hostname and maps empty to null ("any").</summary>
    public static string? Normalize(string? hostname) =>
        string.IsNullOrEmpty(hostname) ? null : hostname.ToLowerInvariant();

    /// <summary>True when <paramref name="pattern"/> (exact or wildcard) matches the concrete host <paramref name="host"/>.</summary>
    public static bool Matches(string pattern, string host)
    {
        if (!IsWildcard(pattern))
        {
            return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = pattern.AsSpan(1);
        return host.Length > suffix.Length && host.AsSpan().EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The hostnames both patterns match, as one pattern (the more specific of the two), or null when they share none.
    /// <c>*.example.com</c> ∩ <c>foo.example.com</c> = <c>foo.example.com</c>; <c>*.example.com</c> ∩ <c>*.foo.example.com</c> = <c>*.foo.example.com</c>.
    /// </summary>
    public static string? Intersect(string a, string b)
    {
        var aWildcard = IsWildcard(a);
        var bWildcard = IsWildcard(b);
        if (!aWildcard && !bWildcard)
        {
            return string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ? a : null;
        }

        if (aWildcard && !bWildcard)
        {
            return Matches(a, b) ? b : null;
        }

        if (!aWildcard)
        {
            return Matches(b, a) ? a : null;
        }

        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return a;
        }

        // Two wildcards intersect when one suffix lies under the other; the longer one is the intersection.
        if (a.Length > b.Length)
        {
            return a.AsSpan(1).EndsWith(b.AsSpan(1), StringComparison.OrdinalIgnoreCase) ? a : null;
        }

        return b.AsSpan(1).EndsWith(a.AsSpan(1), StringComparison.OrdinalIgnoreCase) ? b : null;
    }

    /// <summary>True when some host would match both patterns (null matches every host).</summary>
    public static bool Overlap(string? a, string? b) => a is null || b is null || Intersect(a, b) is not null;

    /// <summary>
    /// The hostnames a route serves on a listener: null when they do not intersect (the route cannot attach), an
    /// empty list for "any host" (neither side restricts), otherwise the intersections in route order without duplicates.
    /// </summary>
    public static IReadOnlyList<string>? ForRoute(string? listenerHostname, IReadOnlyList<string> routeHostnames)
    {
        if (routeHostnames.Count == 0)
        {
            return listenerHostname is null ? [] : [listenerHostname];
        }

        var result = new List<string>();
        foreach (var hostname in routeHostnames)
        {
            var served = listenerHostname is null ? hostname : Intersect(listenerHostname, hostname);
            if (served is not null && !result.Contains(served, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(served);
            }
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// Orders listener hostnames most specific first: exact names, then wildcards with more labels after the "*",
    /// then the catch-all (null). Ties break by length and then ordinally, so the order is total.
    /// </summary>
    public static int CompareSpecificity(string? a, string? b)
    {
        var c = Tier(b).CompareTo(Tier(a));
        if (c != 0 || a is null || b is null)
        {
            return c;
        }

        if (IsWildcard(a))
        {
            c = Dots(b).CompareTo(Dots(a));
            if (c != 0)
            {
                return c;
            }
        }

        c = b.Length.CompareTo(a.Length);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }

    /// <summary>2 for an exact hostname, 1 for a wildcard, 0 for any host.</summary>
    public static int Tier(string? hostname) => hostname is null ? 0 : IsWildcard(hostname) ? 1 : 2;

    private static int Dots(string hostname)
    {
        var count = 0;
        foreach (var ch in hostname)
        {
            if (ch == '.')
            {
                count++;
            }
        }

        return count;
    }
}
