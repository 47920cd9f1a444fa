using System.Collections.Frozen;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// Hostname pattern table: exact names, <c>*.suffix</c> wildcards and a catch-all, looked up by span without
/// allocating. Most specific wins: exact, then the longest wildcard suffix, then the catch-all.
/// </summary>
internal sealed class HostLookup<T>
    where T : class
{
    private readonly FrozenDictionary<string, T> _exact;
    private readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;

    // Keyed by the suffix with its leading dot (".example.com").
    private readonly FrozenDictionary<string, T> _wildcard;
    private readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;
    private readonly int _shortestSuffix;

    private HostLookup(Dictionary<string, T> exact, Dictionary<string, T> wildcard, T? catchAll)
    {
        _exact = exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcard = wildcard.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _wildcardLookup = _wildcard.GetAlternateLookup<ReadOnlySpan<char>>();
        _shortestSuffix = int.MaxValue;
        foreach (var key in _wildcard.Keys)
        {
            _shortestSuffix = Math.Min(_shortestSuffix, key.Length);
        }

        CatchAll = catchAll;
    }

    public T? CatchAll { get; }

    public bool IsEmpty => _exact.Count == 0 && _wildcard.Count == 0 && CatchAll is null;

    /// <summary>
    /// Builds the table; for a pattern given twice the first entry wins. A null, empty or <c>*</c> pattern is the catch-all.
    /// </summary>
    public static HostLookup<T> Build(IEnumerable<KeyValuePair<string?, T>> entries)
    {
        var exact = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        T? catchAll = null;
        foreach (var (pattern, value) in entries)
        {
            if (string.IsNullOrEmpty(pattern) || pattern == "*")
            {
                catchAll ??= value;
            }
            else if (Hostnames.IsWildcard(pattern))
            {
                wildcard.TryAdd(pattern[1..], value);
            }
            else
            {
                exact.TryAdd(pattern.TrimEnd('.'), value);
            }
        }

        return new HostLookup<T>(exact, wildcard, catchAll);
    }

    /// <summary>The most specific entry for <paramref name="host"/> (port already stripped), or null.</summary>
    public T? Find(ReadOnlySpan<char> host)
    {
        if (_exact.Count != 0 && _exactLookup.TryGetValue(host, out var exact))
        {
            return exact;
        }

        if (_wildcard.Count != 0)
        {
            // Dots from the left give suffixes from the longest; a dot at 0 would leave an empty label.
            for (var dot = host.IndexOf('.'); dot >= 0 && host.Length - dot >= _shortestSuffix; dot = NextDot(host, dot))
            {
                if (dot > 0 && _wildcardLookup.TryGetValue(host[dot..], out var wildcard))
                {
                    return wildcard;
                }
            }
        }

        return CatchAll;
    }

    /// <summary>Visits every entry matching <paramref name="host"/>: exact, wildcards longest first, catch-all.</summary>
    public void VisitMatches<TVisitor>(ReadOnlySpan<char> host, ref TVisitor visitor)
        where TVisitor : struct, IHostVisitor<T>
    {
        if (_exact.Count != 0 && _exactLookup.TryGetValue(host, out var exact) && !visitor.Visit(exact))
        {
            return;
        }

        if (_wildcard.Count != 0)
        {
            for (var dot = host.IndexOf('.'); dot >= 0 && host.Length - dot >= _shortestSuffix; dot = NextDot(host, dot))
            {
                if (dot > 0 && _wildcardLookup.TryGetValue(host[dot..], out var wildcard) && !visitor.Visit(wildcard))
                {
                    return;
                }
            }
        }

        if (CatchAll is not null)
        {
            visitor.Visit(CatchAll);
        }
    }

    private static int NextDot(ReadOnlySpan<char> host, int dot)
    {
        var next = host[(dot + 1)..].IndexOf('.');
        return next < 0 ? -1 : dot + 1 + next;
    }
}
