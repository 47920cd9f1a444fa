using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Telemetry;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// The route lookup of one listener, compiled once per snapshot. A request is served only by the most specific
/// virtual host matching its Host (exact, then longest wildcard suffix, then catch-all; a wildcard matches one label
/// or any depth as the virtual host says), and within it by the first rule, in precedence order, whose hostnames and
/// match apply. Lookups do not allocate.
/// </summary>
internal sealed class RouteTable
{
    private readonly HostLookup<VirtualHostRoutes> _hosts;

    private RouteTable(HostLookup<VirtualHostRoutes> hosts, IReadOnlyList<VirtualHostRoutes> virtualHosts, IReadOnlyList<string> problems, bool detectsMisdirected)
    {
        _hosts = hosts;
        VirtualHosts = virtualHosts;
        Problems = problems;
        DetectsMisdirected = detectsMisdirected;
    }

    /// <summary>
    /// True on an HTTPS listener where some virtual host rejects misdirected requests
    /// (<see cref="VirtualHost.RejectMisdirected"/>): requests then need <see cref="Match(in RouteRequest, string?, out bool)"/>.
    /// </summary>
    public bool DetectsMisdirected { get; }

    /// <summary>Virtual hosts in IR order.</summary>
    public IReadOnlyList<VirtualHostRoutes> VirtualHosts { get; }

    /// <summary>Rules that could not be compiled as given (e.g. an invalid regex, which then never matches).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Compiles the listener's virtual hosts; <paramref name="actionFactory"/> builds each rule's action (null in tests).</summary>
    public static RouteTable Build(Listener listener, Func<RouteRule, RuleAction?>? actionFactory = null)
    {
        var problems = new List<string>();
        var hosts = listener.VirtualHosts.IsDefault ? [] : listener.VirtualHosts;
        var compiled = new List<VirtualHostRoutes>(hosts.Length);
        var entries = new List<HostEntry<VirtualHostRoutes>>(hosts.Length);
        foreach (var host in hosts)
        {
            var hostRules = host.Rules.IsDefault ? [] : host.Rules;
            var rules = new CompiledRule[hostRules.Length];
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = hostRules[i];
                var ruleProblems = new List<string>();
                rules[i] = new CompiledRule(rule, i, ruleProblems) { Action = actionFactory?.Invoke(rule), Labels = RequestLabels.For(host, rule) };
                foreach (var problem in ruleProblems)
                {
                    problems.Add(string.Concat(rule.Id, ": ", problem));
                }
            }

            var routes = new VirtualHostRoutes(host, rules);
            compiled.Add(routes);
            entries.Add(new(host.Hostname, host.Wildcard == WildcardMatch.SingleLabel, routes));
        }

        var detectsMisdirected = listener.Protocol == ListenerProtocol.Https && hosts.Any(static h => h.RejectMisdirected);
        return new RouteTable(HostLookup<VirtualHostRoutes>.Build(entries), compiled, problems, detectsMisdirected);
    }

    /// <summary>The virtual host serving <paramref name="hostHeader"/> (port allowed), or null (404).</summary>
    public VirtualHostRoutes? FindVirtualHost(ReadOnlySpan<char> hostHeader) => _hosts.Find(Hostnames.StripPort(hostHeader));

    /// <summary>
    /// Diagnostics (<c>switchyard trace</c>): the virtual host and rule <see cref="Match"/> picks, plus every rule of
    /// that virtual host with the conditions the request fails. Allocates; never used on the request path.
    /// </summary>
    public RouteExplanation Explain(in RouteRequest request)
    {
        var host = Hostnames.StripPort(request.Host);
        var virtualHost = _hosts.Find(host);
        if (virtualHost is null)
        {
            return new RouteExplanation(null, null, []);
        }

        var rules = new List<RuleExplanation>(virtualHost.Rules.Count);
        foreach (var rule in virtualHost.Rules)
        {
            var failed = new List<RuleCondition>();
            rule.Explain(host, in request, failed);
            rules.Add(new RuleExplanation(rule, failed));
        }

        return new RouteExplanation(virtualHost, Match(in request), rules);
    }

    /// <summary>
    /// The rule to apply on a TLS connection whose client sent <paramref name="serverName"/> (SNI), or null. When the
    /// Host selects a virtual host that rejects misdirected requests and the SNI name selected another one (or none),
    /// <paramref name="misdirected"/> is true and the answer is 421, not 404. Without an SNI name nothing can be told.
    /// </summary>
    public CompiledRule? Match(in RouteRequest request, string? serverName, out bool misdirected)
    {
        var host = Hostnames.StripPort(request.Host);
        var virtualHost = _hosts.Find(host);
        misdirected = virtualHost is { Host.RejectMisdirected: true }
            && !string.IsNullOrEmpty(serverName)
            && !ReferenceEquals(_hosts.Find(serverName.AsSpan().TrimEnd('.')), virtualHost);
        return misdirected ? null : virtualHost?.Match(host, in request);
    }

    /// <summary>The rule to apply, or null when none matches (404).</summary>
    public CompiledRule? Match(in RouteRequest request)
    {
        var host = Hostnames.StripPort(request.Host);
        var virtualHost = _hosts.Find(host);
        return virtualHost?.Match(host, in request);
    }
}
