namespace Switchyard.Translation.Ingress;

/// <summary>
/// Ingress hostnames: exact, or <c>*.suffix</c> matching exactly one label in front of the suffix (unlike the Gateway
/// API's wildcards). Hostnames are lower-cased; the empty string stands for rules without a host.
/// </summary>
internal static class IngressHosts
{
    public const string AnyHost = "";

    public static string Normalize(string? host) => string.IsNullOrEmpty(host) ? AnyHost : host.ToLowerInvariant().TrimEnd('.');

    public static bool IsWildcard(string host) => host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>True when the pattern <paramref name="pattern"/> (exact or single-label wildcard) covers <paramref name="host"/>.</summary>
    public static bool Covers(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IsWildcard(pattern) || IsWildcard(host))
        {
            return false;
        }

        var suffix = pattern.AsSpan(1);
        return host.Length > suffix.Length
            && host.AsSpan().EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && !host.AsSpan(0, host.Length - suffix.Length).Contains('.');
    }

    /// <summary>The IR virtual host id of a host: <c>ingress/host</c>, <c>ingress/*</c> for rules without one.</summary>
    public static string VirtualHostId(string host) => "ingress/" + (host.Length == 0 ? "*" : host);
}
