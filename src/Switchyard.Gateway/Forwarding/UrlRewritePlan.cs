using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>A compiled <see cref="UrlRewrite"/>: the Host to send upstream and how to change the path.</summary>
internal sealed class UrlRewritePlan(UrlRewrite rewrite, string matchedPrefix)
{
    public string? Hostname { get; } = string.IsNullOrEmpty(rewrite.Hostname) ? null : rewrite.Hostname;

    public bool RewritesPath => rewrite.Path is not null;

    /// <summary>The upstream path for <paramref name="path"/> (the decoded request path).</summary>
    public string RewritePath(string path) => rewrite.Path switch
    {
        null => path,
        { Type: PathRewriteType.ReplaceFullPath } full => string.IsNullOrEmpty(full.Value) ? "/" : full.Value,
        { } prefix => PathRewriter.ReplacePrefixMatch(path, matchedPrefix, prefix.Value),
    };
}
