using System.Text.Json.Nodes;
using k8s.Models;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;
using HttpRoute = Switchyard.Resources.Model.GatewayApi.HttpRoute;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The virtual host and rule the data plane picks, from the data plane's own <see cref="RouteTable"/> (compiled from
/// the listener exactly as the gateway compiles it), and for the closest rules that did not match, which conditions
/// failed. When nothing matches, routes and Ingresses that name the host are put on the path so that their
/// <c>check</c> findings (not attached, not accepted) are shown.
/// </summary>
internal static class RouteStep
{
    private const int ClosestShown = 3;

    public static CompiledRule? Run(TraceState state, Listener listener)
    {
        var request = state.Request;
        var table = RouteTable.Build(listener);
        var headers = request.HeaderDictionary();
        var explanation = table.Explain(new RouteRequest(request.Authority, request.Path, request.Method, headers, request.Query));
        var host = Hostnames.StripPort(request.Authority).ToString();
        if (explanation.VirtualHost is not { } virtualHost)
        {
            var hop = state.Fail("route", $"404: no Gateway listener or Ingress host on {listener.Id} matches host {host}", "404: hostname " + host + " is not served on " + listener.Id);
            foreach (var vh in listener.VirtualHosts)
            {
                hop.Detail($"served: {vh.Hostname ?? "(any host)"} — {RuleNames.VirtualHost(vh)}");
            }

            TouchNaming(state, host);
            hop.Data["host"] = host;
            return null;
        }

        TouchVirtualHost(state, virtualHost.Host);
        var matched = explanation.Matched;
        var closest = explanation.Rules
            .Where(r => !r.Applies && (matched is null || r.Rule.Index < matched.Index))
            .OrderBy(r => r.Failed.Count)
            .ThenBy(r => r.Rule.Index)
            .Take(ClosestShown)
            .ToList();
        TraceHop result;
        if (matched is null)
        {
            result = state.Fail("route", $"404: no rule of {RuleNames.VirtualHost(virtualHost.Host)} matches {request.Method} {request.Path}{request.Query}",
                "404: no rule matches");
            if (explanation.Rules.Count == 0)
            {
                result.Detail("this virtual host has no rules: no route is attached to it");
            }

            TouchNaming(state, host);
        }
        else
        {
            var rule = matched.Rule;
            TouchRule(state, rule);
            result = state.Add("route", HopResult.Ok, $"{RuleNames.VirtualHost(virtualHost.Host)} → {RuleNames.Describe(rule)}");
            result.Detail("matches " + RuleNames.Match(rule.Match));
            result.Data["rule"] = rule.Id;
            result.Data["route"] = rule.Route;
            result.Data["kind"] = RuleNames.Kind(rule);
            result.Data["ruleIndex"] = rule.RuleIndex;
            result.Data["ruleName"] = rule.RuleName;
        }

        result.Data["virtualHost"] = virtualHost.Host.Id;
        var notMatched = new JsonArray();
        foreach (var miss in closest)
        {
            result.Detail($"not {RuleNames.Describe(miss.Rule.Rule)}: {string.Join("; ", miss.Failed.Select(Describe))}");
            notMatched.Add(new JsonObject
            {
                ["rule"] = miss.Rule.Rule.Id,
                ["failed"] = new JsonArray([.. miss.Failed.Select(f => (JsonNode?)new JsonObject
                {
                    ["condition"] = f.Kind.ToString().ToLowerInvariant(),
                    ["name"] = f.Name,
                    ["expected"] = f.Expected,
                    ["actual"] = f.Actual,
                })]),
            });
        }

        result.Data["notMatched"] = notMatched;
        return matched;
    }

    private static string Describe(RuleCondition condition) => condition.Kind switch
    {
        RuleConditionKind.Path => $"path {condition.Actual} is not {condition.Expected}",
        RuleConditionKind.Method => $"method {condition.Actual} is not {condition.Expected}",
        RuleConditionKind.Hostname => $"host {condition.Actual} is not one of {condition.Expected}",
        _ => $"{condition.Kind.ToString().ToLowerInvariant()} {condition.Name} {(condition.Actual is null ? "is absent" : "is \"" + condition.Actual + "\"")}, wants {condition.Expected}",
    };

    public static void TouchRule(TraceState state, RouteRule rule)
    {
        var slash = rule.Route.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            state.Touch(RuleNames.Kind(rule), rule.Route[..slash], rule.Route[(slash + 1)..]);
        }
    }

    private static void TouchVirtualHost(TraceState state, VirtualHost host)
    {
        var parts = host.Id.Split('/');
        if (parts.Length == 3)
        {
            state.Touch("Gateway", parts[0], parts[1]);
        }
    }

    /// <summary>HTTPRoutes and Ingresses whose hostnames cover <paramref name="host"/>: their findings explain a 404.</summary>
    private static void TouchNaming(TraceState state, string host)
    {
        foreach (var route in state.Context.Store.OfType<HttpRoute>())
        {
            var hostnames = route.Spec?.Hostnames ?? [];
            if (hostnames.Count == 0 || hostnames.Any(h => Hostnames.Matches(h, host)))
            {
                state.Touch("HTTPRoute", route.Metadata.NamespaceProperty, route.Metadata.Name);
            }
        }

        foreach (var ingress in state.Context.Store.OfType<V1Ingress>())
        {
            if ((ingress.Spec?.Rules ?? []).Any(r => r is not null && (string.IsNullOrEmpty(r.Host) || Hostnames.Matches(r.Host, host))))
            {
                state.Touch("Ingress", ingress.Metadata.NamespaceProperty, ingress.Metadata.Name);
            }
        }
    }
}
