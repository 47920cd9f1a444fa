using System.Collections.Frozen;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// Hostname pattern table: exact names, <c>*.suffix</c> wildcards and a catch-all, looked up by span without
/// allocating. Most specific wins: exact, then the longest wildcard suffix, then the catch-all. A wildcard matches one
/// or more labels (Gateway API) or, when built as single-label, exactly one (Ingress); for the same suffix the
/// single-label entry is the more specific.
/// </summary>
internal sealed class HostLookup<T>
    where T : class
{
    private readonly FrozenDictionary<string, T> _exact;
    private readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;

    // Keyed by the suffix with its leading dot (".example.com").
    private readonly FrozenDictionary<string, Wildcard> _wildcard;
    private readonly FrozenDictionary<string, Wildcard>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;
    private readonly int _shortestSuffix;

    private HostLookup(Dictionary<string, T> exact, Dictionary<string, Wildcard> wildcard, T? catchAll)
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
    /// Builds the table with Gateway API wildcards; for a pattern given twice the first entry wins. A null, empty or
    /// <c>*</c> pattern is the catch-all.
    /// </summary>
    public static HostLookup<T> Build(IEnumerable<KeyValuePair<string?, T>> entries) =>
        Build(entries.Select(static e => new HostEntry<T>(e.Key, SingleLabel: false, e.Value)));

    /// <summary>Builds the table; for a pattern (and wildcard kind) given twice the first entry wins.</summary>
    public static HostLookup<T> Build(IEnumerable<HostEntry<T>> entries)
    {
        var exact = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, Wildcard>(StringComparer.OrdinalIgnoreCase);
        T? catchAll = null;
        foreach (var (pattern, singleLabel, value) in entries)
        {
            if (string.IsNullOrEmpty(pattern) || pattern == "*")
            {
                catchAll ??= value;
            }
            else if (Hostnames.IsWildcard(pattern))
            {
                var suffix = pattern[1..].TrimEnd('.');
                if (!wildcard.TryGetValue(suffix, out var entry))
                {
                    wildcard[suffix] = entry = new Wildcard();
                }

                if (singleLabel)
                {
                    entry.SingleLabel ??= value;
                }
                else
                {
                    entry.AnyLabels ??= value;
                }
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
            var first = host.IndexOf('.');
            for (var dot = first; dot >= 0 && host.Length - dot >= _shortestSuffix; dot = NextDot(host, dot))
            {
                if (dot > 0 && _wildcardLookup.TryGetValue(host[dot..], out var wildcard))
                {
                    if (dot == first && wildcard.SingleLabel is { } single)
                    {
                        return single;
                    }

                    if (wildcard.AnyLabels is { } any)
                    {
                        return any;
                    }
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
            var first = host.IndexOf('.');
            for (var dot = first; dot >= 0 && host.Length - dot >= _shortestSuffix; dot = NextDot(host, dot))
            {
                if (dot > 0 && _wildcardLookup.TryGetValue(host[dot..], out var wildcard))
                {
                    if (dot == first && wildcard.SingleLabel is { } single && !visitor.Visit(single))
                    {
                        return;
                    }

                    if (wildcard.AnyLabels is { } any && !visitor.Visit(any))
                    {
                        return;
                    }
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

    private sealed class Wildcard
    {
        public T? AnyLabels { get; set; }

        public T? SingleLabel { get; set; }
    }
}
