using System.Text.RegularExpressions;
using Switchyard.Ir;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// Ingress path semantics. Exact: the path as written, case-sensitive. Prefix: element-wise, a trailing <c>/</c> in
/// the rule ignored (<c>/foo/</c> matches <c>/foo</c>, <c>/foo/bar</c>, not <c>/foobar</c>). ImplementationSpecific:
/// as Prefix, or, when the Ingress uses regular expressions (<c>use-regex</c> or <c>rewrite-target</c>), a
/// case-insensitive regular expression matched from the start of the path (as ingress-nginx's <c>~* ^path</c>).
/// </summary>
internal static partial class IngressPaths
{
    /// <summary>The match for one path, or null with <paramref name="problem"/> when it cannot be served.</summary>
    public static IngressPath? Create(string? value, string? pathType, bool regexPaths, out string? problem)
    {
        problem = null;
        var path = string.IsNullOrEmpty(value) ? "/" : value;
        switch (pathType)
        {
            case "Exact":
                return new IngressPath(new RouteMatch { Path = new PathMatch { Type = PathMatchType.Exact, Value = path } }, "exact:" + path, path.Length, path);
            case "Prefix":
                return Prefix(path);
            case "ImplementationSpecific" when regexPaths:
                if (!IsSupportedRegex(path))
                {
                    problem = $"\"{path}\" is not a supported regular expression (.NET syntax without backreferences or lookarounds)";
                    return null;
                }

                // Anchored at the start only: the path may go on after what the expression matches.
                var pattern = "(?:" + path + ").*";
                var match = new PathMatch { Type = PathMatchType.RegularExpression, Value = pattern, IgnoreCase = true };
                return new IngressPath(new RouteMatch { Path = match }, "regex:" + path, path.Length, path);
            case "ImplementationSpecific":
                return Prefix(path);
            default:
                problem = $"pathType {pathType ?? "(none)"} is not supported";
                return null;
        }
    }

    /// <summary>True when the path has characters that only mean something in a regular expression.</summary>
    public static bool LooksLikeRegex(string path) => RegexCharacters().IsMatch(path);

    private static IngressPath Prefix(string path)
    {
        var trimmed = path.TrimEnd('/');
        var value = trimmed.Length == 0 ? "/" : trimmed;
        return new IngressPath(new RouteMatch { Path = new PathMatch { Type = PathMatchType.Prefix, Value = value } }, "prefix:" + value, value.Length, path);
    }

    private static bool IsSupportedRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"[\^$*+?()\[\]{}|\\]", RegexOptions.CultureInvariant)]
    private static partial Regex RegexCharacters();
}
