using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// The compiled rules of one <see cref="VirtualHost"/>: rules grouped by the hostnames they apply to (exact,
/// wildcard, any), each group indexed by path.
/// </summary>
internal sealed class VirtualHostRoutes
{
    private readonly CompiledRule[] _rules;
    private readonly HostLookup<PathIndex> _groups;

    public VirtualHostRoutes(VirtualHost host, CompiledRule[] rules)
    {
        Host = host;
        _rules = rules;

        // Group rule indices by hostname pattern; a rule without hostnames applies to any host.
        var groups = new Dictionary<string, List<CompiledRule>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var rule in rules)
        {
            if (rule.Rule.Hostnames.IsDefaultOrEmpty)
            {
                AddToGroup(groups, order, "*", rule);
                continue;
            }

            foreach (var hostname in rule.Rule.Hostnames)
            {
                AddToGroup(groups, order, string.IsNullOrEmpty(hostname) ? "*" : hostname.TrimEnd('.'), rule);
            }
        }

        var entries = new List<KeyValuePair<string?, PathIndex>>(order.Count);
        foreach (var pattern in order)
        {
            entries.Add(new(pattern, PathIndex.Build(groups[pattern])));
        }

        _groups = HostLookup<PathIndex>.Build(entries);
    }

    public VirtualHost Host { get; }

    public IReadOnlyList<CompiledRule> Rules => _rules;

    /// <summary>The first rule (in precedence order) that matches; <paramref name="host"/> has its port stripped.</summary>
    public CompiledRule? Match(ReadOnlySpan<char> host, in RouteRequest request)
    {
        var search = new Search(_rules, request);
        _groups.VisitMatches(host, ref search);
        return search.Best == int.MaxValue ? null : _rules[search.Best];
    }

    private static void AddToGroup(Dictionary<string, List<CompiledRule>> groups, List<string> order, string pattern, CompiledRule rule)
    {
        if (!groups.TryGetValue(pattern, out var list))
        {
            groups[pattern] = list = [];
            order.Add(pattern);
        }

        // A rule listing the same hostname twice (in any case) is indexed once.
        if (list.Count == 0 || list[^1] != rule)
        {
            list.Add(rule);
        }
    }

    private struct Search(CompiledRule[] rules, RouteRequest request) : IHostVisitor<PathIndex>
    {
        public int Best = int.MaxValue;

        public bool Visit(PathIndex value)
        {
            value.FindFirst(rules, in request, ref Best);
            return Best != 0;
        }
    }
}
