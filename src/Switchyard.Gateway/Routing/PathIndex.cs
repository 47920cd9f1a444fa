using System.Collections.Frozen;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// The rules of one hostname group keyed by path, so that a lookup touches only the rules whose path can match:
/// exact paths by value, prefixes by their element key (each <c>/</c> boundary of the request path is one lookup),
/// and the rest (regex, case-insensitive) in a list that is always checked. Each bucket holds rule indices in
/// precedence order; the answer is the lowest index that fully matches across all buckets.
/// </summary>
internal sealed class PathIndex
{
    private readonly FrozenDictionary<string, int[]> _exact;
    private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private readonly FrozenDictionary<string, int[]> _prefix;
    private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int[] _root;
    private readonly int[] _other;

    private PathIndex(Dictionary<string, List<int>> exact, Dictionary<string, List<int>> prefix, List<int> root, List<int> other)
    {
        _exact = Freeze(exact);
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefix = Freeze(prefix);
        _prefixLookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _root = [.. root];
        _other = [.. other];
    }

    /// <summary>Builds the index over <paramref name="rules"/>, given in precedence order.</summary>
    public static PathIndex Build(IEnumerable<CompiledRule> rules)
    {
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var root = new List<int>();
        var other = new List<int>();
        foreach (var rule in rules)
        {
            var path = rule.Rule.Match.Path;
            if (path.IgnoreCase || path.Type == PathMatchType.RegularExpression)
            {
                other.Add(rule.Index);
            }
            else if (path.Type == PathMatchType.Exact)
            {
                Add(exact, path.Value, rule.Index);
            }
            else
            {
                var key = PathMatcher.TrimPrefix(path.Value);
                if (key.Length == 0)
                {
                    root.Add(rule.Index);
                }
                else
                {
                    Add(prefix, key, rule.Index);
                }
            }
        }

        return new PathIndex(exact, prefix, root, other);
    }

    /// <summary>Lowers <paramref name="best"/> to the index of the first rule (below it) that matches the request.</summary>
    public void FindFirst(CompiledRule[] rules, in RouteRequest request, ref int best)
    {
        var path = request.Path.AsSpan();
        if (_exact.Count != 0 && _exactLookup.TryGetValue(path, out var exact))
        {
            Scan(rules, exact, in request, ref best, checkPath: false);
        }

        if (_root.Length != 0)
        {
            Scan(rules, _root, in request, ref best, checkPath: false);
        }

        if (_prefix.Count != 0)
        {
            // Every element boundary: "/a/b/c" looks up "/a", "/a/b" and "/a/b/c".
            for (var slash = 1; slash < path.Length; slash++)
            {
                if (path[slash] == '/' && _prefixLookup.TryGetValue(path[..slash], out var bucket))
                {
                    Scan(rules, bucket, in request, ref best, checkPath: false);
                }
            }

            if (path[^1] != '/' && _prefixLookup.TryGetValue(path, out var whole))
            {
                Scan(rules, whole, in request, ref best, checkPath: false);
            }
        }

        if (_other.Length != 0)
        {
            Scan(rules, _other, in request, ref best, checkPath: true);
        }
    }

    private static void Scan(CompiledRule[] rules, int[] bucket, in RouteRequest request, ref int best, bool checkPath)
    {
        foreach (var index in bucket)
        {
            if (index >= best)
            {
                return;
            }

            var rule = rules[index];
            if ((!checkPath || rule.Path.IsMatch(request.Path)) && rule.MatchesConditions(in request))
            {
                best = index;
                return;
            }
        }
    }

    private static void Add(Dictionary<string, List<int>> table, string key, int index)
    {
        if (!table.TryGetValue(key, out var list))
        {
            table[key] = list = [];
        }

        list.Add(index);
    }

    private static FrozenDictionary<string, int[]> Freeze(Dictionary<string, List<int>> table)
    {
        var result = new Dictionary<string, int[]>(table.Count, StringComparer.Ordinal);
        foreach (var (key, list) in table)
        {
            result[key] = [.. list];
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
