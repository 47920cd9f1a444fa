namespace Switchyard.Gateway.Routing;

/// <summary>Path computations shared by URL rewrites and redirects.</summary>
internal static class PathRewriter
{
    /// <summary>
    /// Gateway API <c>ReplacePrefixMatch</c>: the matched prefix (trailing slashes ignored) is replaced element-wise, so
    /// prefix <c>/foo</c> with replacement <c>/xyz</c> or <c>/xyz/</c> turns <c>/foo/bar</c> into <c>/xyz/bar</c>;
    /// with replacement <c>/</c> (or empty) turns <c>/foo/bar</c> into <c>/bar</c> and <c>/foo</c> into <c>/</c>.
    /// </summary>
    /// <param name="path">The request path, which the prefix matched.</param>
    /// <param name="matchedPrefix">The rule's path prefix (trailing slashes may be present; they are ignored).</param>
    /// <param name="replacement">The replacement prefix.</param>
    public static string ReplacePrefixMatch(string path, string matchedPrefix, string replacement)
    {
        var prefixLength = matchedPrefix.AsSpan().TrimEnd('/').Length;
        var remainder = path.Length >= prefixLength ? path.AsSpan(prefixLength) : ReadOnlySpan<char>.Empty;
        var head = replacement.AsSpan().TrimEnd('/');
        if (head.IsEmpty && remainder.IsEmpty)
        {
            return "/";
        }

        var needsSlash = head.IsEmpty ? remainder[0] != '/' : head[0] != '/';
        return needsSlash ? string.Concat("/", head, remainder) : string.Concat(head, remainder);
    }

    /// <summary>The well-known port of a scheme (80 for http, 443 for https), or null.</summary>
    public static int? DefaultPort(string scheme)
    {
        if (string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            return 80;
        }

        return string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : null;
    }
}
