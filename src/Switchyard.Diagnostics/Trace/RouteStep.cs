using System.Text.Json.Nodes;
using k8s.Models;
using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;
using GrpcRoute = Switchyard.Resources.Model.GatewayApi.GrpcRoute;
using HttpRoute = Switchyard.Resources.Model.GatewayApi.HttpRoute;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The virtual host and rule the data plane picks, from the data plane's own <see cref="RouteTable"/> (compiled from
/// the listener exactly as the gateway compiles it), and for the closest rules that did not match, which conditions
/// failed. When nothing matches, routes and Ingresses that name the host are put on the path so that their
/// <c>check</c> findings (not attached, not accepted) are shown. A gRPC call goes through the same table (GRPCRoute
/// rules are IR rules like any other); its "404" is the UNIMPLEMENTED the gateway answers instead, and GRPCRoute
/// rules are told by their service, method and header matches.
/// </summary>
internal static class RouteStep
{
    private const int ClosestShown = 3;

    public static CompiledRule? Run(TraceState state, Listener listener)
    {
        var request = state.Request;
        var table = RouteTable.Build(listener);
        var headers = request.HeaderDictionary();
        var routeRequest = new RouteRequest(request.Authority, request.Path, request.Method, headers, request.Query);
        var explanation = table.Explain(routeRequest);
        var host = Hostnames.StripPort(request.Authority).ToString();
        if (Misdirected(state, listener, table, routeRequest, explanation, host))
        {
            return null;
        }

        var notFound = state.Answer(404);
        if (explanation.VirtualHost is not { } virtualHost)
        {
            var hop = state.Fail("route", $"{notFound}: no Gateway listener or Ingress host on {listener.Id} matches host {host}", notFound + ": hostname " + host + " is not served on " + listener.Id);
            Unimplemented(state, hop);
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
            var call = request.Grpc ? $"gRPC method {request.GrpcService}/{request.GrpcMethod}" : $"{request.Method} {request.Path}{request.Query}";
            result = state.Fail("route", $"{notFound}: no rule of {RuleNames.VirtualHost(virtualHost.Host)} matches {call}", notFound + ": no rule matches");
            Unimplemented(state, result);
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
            result.Detail("matches " + (GrpcMatches.Find(state.Context.Store, rule) is { } grpcMatch ? GrpcMatches.Describe(grpcMatch) : RuleNames.Match(rule.Match)));
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
            var failures = Failures(state, miss);
            result.Detail($"not {RuleNames.Describe(miss.Rule.Rule)}: {string.Join("; ", failures.Select(f => f.Text))}");
            notMatched.Add(new JsonObject
            {
                ["rule"] = miss.Rule.Rule.Id,
                ["failed"] = new JsonArray([.. failures.Select(f => (JsonNode?)new JsonObject
                {
                    ["condition"] = f.Condition,
                    ["name"] = f.Name,
                    ["expected"] = f.Expected,
                    ["actual"] = f.Actual,
                })]),
            });
        }

        result.Data["notMatched"] = notMatched;
        return matched;
    }

    /// <summary>
    /// The conditions the request failed, as the data plane found them; for a gRPC call that a GRPCRoute rule's method
    /// match refused, the path condition is told as the service or method that differs.
    /// </summary>
    private static List<Failure> Failures(TraceState state, RuleExplanation miss)
    {
        var failures = new List<Failure>();
        var request = state.Request;
        var grpcMatch = request.Grpc ? GrpcMatches.Find(state.Context.Store, miss.Rule.Rule) : null;
        foreach (var condition in miss.Failed)
        {
            if (condition.Kind == RuleConditionKind.Path
                && grpcMatch is not null
                && GrpcMatches.Mismatches(grpcMatch, request.GrpcService!, request.GrpcMethod!) is { Count: > 0 } parts)
            {
                failures.AddRange(parts.Select(p => new Failure(p.Part, p.Part, p.Expected, p.Actual,
                    $"{p.Part} {p.Actual} {(p.Expected.StartsWith("Exact ", StringComparison.Ordinal) ? "is not" : "does not match")} {p.Expected}")));
                continue;
            }

            failures.Add(new Failure(condition.Kind.ToString().ToLowerInvariant(), condition.Name, condition.Expected, condition.Actual, Describe(condition)));
        }

        return failures;
    }

    /// <summary>For a gRPC call, how the gateway's "no route" reaches the client.</summary>
    /// <summary>
    /// GatewayHTTPSListenerDetectMisdirectedRequests, decided as the gateway decides it (before any rule): on an HTTPS
    /// socket, a Host that selects an HTTPS listener other than the one the SNI name selected (or than none) is
    /// answered 421 Misdirected Request, for gRPC too, so that the client retries on a connection of its own.
    /// </summary>
    private static bool Misdirected(TraceState state, Listener listener, RouteTable table, in RouteRequest routeRequest, RouteExplanation explanation, string host)
    {
        var request = state.Request;
        if (!table.DetectsMisdirected || request.Scheme != Uri.UriSchemeHttps || request.ServerName is not { } sni)
        {
            return false;
        }

        table.Match(in routeRequest, sni, out var misdirected);
        var bySni = table.Explain(new RouteRequest(sni, request.Path, request.Method, routeRequest.Headers, request.Query)).VirtualHost?.Host;
        if (!misdirected)
        {
            if (!string.Equals(sni, host, StringComparison.OrdinalIgnoreCase) && explanation.VirtualHost is { } same)
            {
                state.Add("tls", HopResult.Ok, $"SNI {sni} and Host {host} select the same listener ({RuleNames.VirtualHost(same.Host)}): not misdirected");
            }

            return false;
        }

        var selected = explanation.VirtualHost!.Host;
        var hop = state.Fail("route",
            $"421 Misdirected Request: Host {host} selects {RuleNames.VirtualHost(selected)}, but the TLS SNI name {sni} selected {(bySni is null ? "no listener" : RuleNames.VirtualHost(bySni))} on {listener.Id}",
            "421 Misdirected Request: the Host selects another HTTPS listener than the SNI name");
        hop.Detail("HTTPS listeners sharing a port must be reached on a connection whose SNI names the same listener as the Host (GatewayHTTPSListenerDetectMisdirectedRequests); clients retry 421 on a new connection");
        if (request.Sni is not null)
        {
            hop.Detail($"connect with SNI {host} (drop --sni), or send Host {sni}");
        }
        else
        {
            hop.Detail($"the URL's host {sni} is the SNI name: make it {host}, or drop the Host header");
        }

        hop.Data["virtualHost"] = selected.Id;
        hop.Data["sniVirtualHost"] = bySni?.Id;
        hop.Data["sni"] = sni;
        hop.Data["host"] = host;
        return true;
    }

    private static void Unimplemented(TraceState state, TraceHop hop)
    {
        if (state.Request.Grpc)
        {
            hop.Detail("the client gets HTTP 200 with grpc-status 12 and no message (trailers only), which gRPC clients read as the call's status");
            hop.Data["grpcStatus"] = GrpcErrors.StatusFor(404);
        }
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

    private static void TouchVirtualHost(TraceState state, VirtualHost host) => ListenerIds.Touch(state, host.Id);

    /// <summary>
    /// HTTPRoutes (for a gRPC call GRPCRoutes too) and Ingresses whose hostnames cover <paramref name="host"/>: their
    /// findings explain a 404.
    /// </summary>
    private static void TouchNaming(TraceState state, string host)
    {
        foreach (var route in state.Context.Store.OfType<HttpRoute>())
        {
            if (Names(route.Spec?.Hostnames, host))
            {
                state.Touch("HTTPRoute", route.Metadata.NamespaceProperty, route.Metadata.Name);
            }
        }

        foreach (var route in state.Request.Grpc ? state.Context.Store.OfType<GrpcRoute>() : [])
        {
            if (Names(route.Spec?.Hostnames, host))
            {
                state.Touch("GRPCRoute", route.Metadata.NamespaceProperty, route.Metadata.Name);
            }
        }

        foreach (var ingress in state.Context.Store.OfType<V1Ingress>())
        {
            if ((ingress.Spec?.Rules ?? []).Any(r => r is not null && (string.IsNullOrEmpty(r.Host) || Hostnames.Matches(r.Host, host))))
            {
                state.Touch("Ingress", ingress.Metadata.NamespaceProperty, ingress.Metadata.Name);
            }
        }

        static bool Names(List<string>? hostnames, string host) => hostnames is not { Count: > 0 } || hostnames.Any(h => Hostnames.Matches(h, host));
    }

    /// <summary>One failed condition as shown: <paramref name="Condition"/> names its kind in JSON.</summary>
    private sealed record Failure(string Condition, string Name, string Expected, string? Actual, string Text);
}
