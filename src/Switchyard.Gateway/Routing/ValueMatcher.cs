using System.Text.RegularExpressions;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>A compiled header or query value match: exact (case-sensitive) or a full-match regex.</summary>
internal sealed class ValueMatcher
{
    private readonly string? _exact;
    private readonly Regex? _regex;

    private ValueMatcher(string? exact, Regex? regex)
    {
        _exact = exact;
        _regex = regex;
    }

    /// <summary>A matcher that never matches, used in place of an invalid regex.</summary>
    public static ValueMatcher Never { get; } = new(null, null);

    public static ValueMatcher Create(StringMatch match, ICollection<string> problems)
    {
        if (match.Type == StringMatchType.Exact)
        {
            return new ValueMatcher(match.Value, null);
        }

        if (RegexFactory.TryCreate(match.Value, ignoreCase: false, out var regex, out var error))
        {
            return new ValueMatcher(null, regex);
        }

        problems.Add(string.Concat("invalid regular expression for ", match.Name, ": ", error));
        return Never;
    }

    public bool IsMatch(ReadOnlySpan<char> value)
    {
        if (_exact is not null)
        {
            return value.SequenceEqual(_exact);
        }

        return _regex is not null && _regex.IsMatch(value);
    }
}
