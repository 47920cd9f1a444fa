using System.Text.RegularExpressions;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// A path condition evaluated directly; used for regex and case-insensitive paths, which the
/// <see cref="PathIndex"/> cannot key. Exact and prefix paths are normally found through the index.
/// </summary>
internal sealed class PathMatcher
{
    private readonly PathMatchType _type;
    private readonly string _value;
    private readonly StringComparison _comparison;
    private readonly Regex? _regex;

    private PathMatcher(PathMatchType type, string value, StringComparison comparison, Regex? regex)
    {
        _type = type;
        _value = value;
        _comparison = comparison;
        _regex = regex;
    }

    public static PathMatcher Create(PathMatch match, ICollection<string> problems)
    {
        var comparison = match.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        switch (match.Type)
        {
            case PathMatchType.Exact:
                return new PathMatcher(PathMatchType.Exact, match.Value, comparison, null);
            case PathMatchType.Prefix:
                return new PathMatcher(PathMatchType.Prefix, TrimPrefix(match.Value), comparison, null);
            default:
                if (RegexFactory.TryCreate(match.Value, match.IgnoreCase, out var regex, out var error))
                {
                    return new PathMatcher(PathMatchType.RegularExpression, match.Value, comparison, regex);
                }

                problems.Add(string.Concat("invalid path regular expression: ", error));
                return new PathMatcher(PathMatchType.RegularExpression, match.Value, comparison, null);
        }
    }

    /// <summary>The element key of a prefix: trailing slashes dropped, so <c>/</c> becomes the empty string.</summary>
    public static string TrimPrefix(string prefix) => prefix.TrimEnd('/');

    /// <summary>
    /// Element-wise prefix match: <c>/foo</c> (or <c>/foo/</c>) matches <c>/foo</c>, <c>/foo/</c> and <c>/foo/bar</c>,
    /// never <c>/foobar</c>; an empty (root) prefix matches every path.
    /// </summary>
    public static bool IsPrefixMatch(ReadOnlySpan<char> path, ReadOnlySpan<char> trimmedPrefix, StringComparison comparison) =>
        trimmedPrefix.IsEmpty
        || (path.StartsWith(trimmedPrefix, comparison) && (path.Length == trimmedPrefix.Length || path[trimmedPrefix.Length] == '/'));

    public bool IsMatch(string path) => _type switch
    {
        PathMatchType.Exact => path.Equals(_value, _comparison),
        PathMatchType.Prefix => IsPrefixMatch(path, _value, _comparison),
        _ => _regex is not null && _regex.IsMatch(path),
    };
}
