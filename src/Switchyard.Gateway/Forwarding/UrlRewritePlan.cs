using System.Text.RegularExpressions;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>A compiled <see cref="UrlRewrite"/>: the Host to send upstream and how to change the path.</summary>
internal sealed partial class UrlRewritePlan
{
    private readonly UrlRewrite _rewrite;
    private readonly string _matchedPrefix;
    private readonly Regex? _regex;
    private readonly string _replacement;

    private UrlRewritePlan(UrlRewrite rewrite, string matchedPrefix, Regex? regex)
    {
        _rewrite = rewrite;
        _matchedPrefix = matchedPrefix;
        _regex = regex;
        _replacement = regex is null ? string.Empty : WithoutMissingGroups(rewrite.Path!.Value, regex);
        Hostname = string.IsNullOrEmpty(rewrite.Hostname) ? null : rewrite.Hostname;
    }

    public string? Hostname { get; }

    public bool RewritesPath => _rewrite.Path is not null;

    public static UrlRewritePlan Create(UrlRewrite rewrite, string matchedPrefix, ICollection<string> problems)
    {
        Regex? regex = null;
        if (rewrite.Path is { Type: PathRewriteType.RegexReplace } path)
        {
            // Anchored at the start only: the pattern describes how the path begins.
            if (!RegexFactory.TryCreatePrefix(path.Pattern ?? string.Empty, out regex, out var error))
            {
                problems.Add(string.Concat("invalid rewrite regular expression (path kept as is): ", error));
            }
        }

        return new UrlRewritePlan(rewrite, matchedPrefix, regex);
    }

    /// <summary>The upstream path for <paramref name="path"/> (the decoded request path).</summary>
    public string RewritePath(string path)
    {
        switch (_rewrite.Path)
        {
            case null:
                return path;
            case { Type: PathRewriteType.ReplaceFullPath } full:
                return string.IsNullOrEmpty(full.Value) ? "/" : full.Value;
            case { Type: PathRewriteType.RegexReplace } replace:
                if (_regex is null)
                {
                    return path;
                }

                var match = _regex.Match(path);
                if (!match.Success)
                {
                    return path;
                }

                var result = match.Result(_replacement);
                return result.StartsWith('/') ? result : string.Concat("/", result);
            case { } prefix:
                return PathRewriter.ReplacePrefixMatch(path, _matchedPrefix, prefix.Value);
        }
    }

    // $n for a group the expression does not have is empty (as in nginx), not the text "$n".
    private static string WithoutMissingGroups(string replacement, Regex regex)
    {
        var groups = regex.GetGroupNumbers().Max();
        return GroupReference().Replace(replacement, m =>
            int.TryParse(m.Groups[1].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= groups ? m.Value : string.Empty);
    }

    [GeneratedRegex(@"(?<!\$)\$(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex GroupReference();
}
