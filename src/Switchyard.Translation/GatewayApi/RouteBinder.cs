using System.Globalization;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Attaches HTTPRoutes and GRPCRoutes to the listeners of our Gateways (and of the ListenerSets attached to them) and
/// reports, per parentRef that names one of them, whether the route is accepted and its references resolved. Parent refs to other controllers'
/// Gateways (or to objects that do not exist) get no entry from us.
/// </summary>
/// <remarks>
/// An HTTPRoute and a GRPCRoute may not share a hostname on one listener (GRPCRoute spec, "cross serving"): of two
/// such routes the older one (then the first by namespace/name) keeps the listener and the other is not accepted
/// there. Routes are therefore bound oldest first, each checked against what older routes of the other kind hold.
/// </remarks>
internal static class RouteBinder
{
    /// <summary>Accepted=False reason for a route that lost a hostname to a route of the other kind on a listener.</summary>
    public const string HostnameConflict = "HostnameConflict";

    public static void Bind(TranslationContext ctx, IEnumerable<RouteEntry> routes)
    {
        var attachment = new RouteAttachment(ctx.Store);
        var claims = new Dictionary<(ListenerEntry Listener, string Kind), List<(RouteEntry Route, IReadOnlyList<string> Served)>>();
        var ordered = routes.OrderBy(r => r.Created).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal);
        foreach (var route in ordered)
        {
            var rules = route.Rules;
            var previous = ctx.Previous.Status.TryGetValue(route.Key, out var p) ? p as RouteStatus : null;
            var status = new RouteStatus();
            foreach (var (parentRef, parent) in route.Parents)
            {
                var (listeners, problem) = attachment.Attach(route.Kind, route.Namespace, route.Hostnames, parentRef, parent);
                if (problem is null && rules.Valid.Count > 0)
                {
                    (listeners, problem) = WithoutConflicts(ctx, route, listeners, claims);
                }

                var previousConditions = previous?.Parents.FirstOrDefault(e => e is not null
                    && string.Equals(e.ControllerName, ctx.Options.GatewayControllerName, StringComparison.Ordinal)
                    && SameParent(e.ParentRef, parentRef, route.Namespace))?.Conditions;
                var conditions = new ConditionWriter(route.Generation, previousConditions, ctx.Now);
                var accepted = false;
                if (problem is { } notAttached)
                {
                    conditions.Set(RouteConditions.Accepted, false, notAttached.Reason, notAttached.Message);
                }
                else if (rules.Valid.Count == 0)
                {
                    conditions.Set(RouteConditions.Accepted, false, rules.Dropped[0].Problem.Reason, "no valid rule: " + DroppedRules(rules));
                }
                else
                {
                    conditions.Set(RouteConditions.Accepted, true, RouteConditions.Accepted, "Route is accepted");
                    accepted = true;
                }

                if (rules.RefProblems.Count > 0)
                {
                    conditions.Set(RouteConditions.ResolvedRefs, false, rules.RefProblems[0].Reason, string.Join("; ", rules.RefProblems.Select(r => r.Message)));
                }
                else
                {
                    conditions.Set(RouteConditions.ResolvedRefs, true, RouteConditions.ResolvedRefs, "All references resolved");
                }

                // PartiallyInvalid exists only while the route is accepted with some rules dropped.
                if (accepted && rules.Dropped.Count > 0)
                {
                    conditions.Set(RouteConditions.PartiallyInvalid, true, RouteConditions.UnsupportedValue, "Dropped Rule(s): " + DroppedRules(rules));
                }

                status.Parents.Add(new RouteParentStatus
                {
                    ParentRef = new ParentReference
                    {
                        Group = parentRef.Group ?? GatewayApiGroup.Name,
                        Kind = parentRef.Kind ?? Gateway.KindName,
                        Namespace = parentRef.Namespace,
                        Name = parentRef.Name,
                        SectionName = parentRef.SectionName,
                        Port = parentRef.Port,
                    },
                    ControllerName = ctx.Options.GatewayControllerName,
                    Conditions = conditions.Conditions,
                });

                if (accepted)
                {
                    foreach (var (listener, served) in listeners)
                    {
                        // A route reaches a listener once, however many of its parentRefs select it.
                        if (listener.AttachedRoutes.Add(route.Key))
                        {
                            AddCandidates(listener, route, served);
                            if (!claims.TryGetValue((listener, route.Kind), out var held))
                            {
                                claims[(listener, route.Kind)] = held = [];
                            }

                            held.Add((route, served));
                        }
                    }
                }
            }

            ctx.SetStatus(route.Key, status);
        }
    }

    /// <summary>
    /// Drops the listeners on which an older route of the other kind (HTTPRoute vs GRPCRoute) already serves one of
    /// the hostnames this route would serve. With none left, the route is not accepted through this parentRef.
    /// </summary>
    private static (List<(ListenerEntry Listener, IReadOnlyList<string> Hostnames)> Listeners, Problem? Problem) WithoutConflicts(
        TranslationContext ctx,
        RouteEntry route,
        List<(ListenerEntry Listener, IReadOnlyList<string> Hostnames)> listeners,
        Dictionary<(ListenerEntry Listener, string Kind), List<(RouteEntry Route, IReadOnlyList<string> Served)>> claims)
    {
        var kept = new List<(ListenerEntry, IReadOnlyList<string>)>();
        var conflicts = new List<string>();
        foreach (var (listener, served) in listeners)
        {
            string? conflict = null;
            var otherKind = string.Equals(route.Kind, HttpRoute.KindName, StringComparison.Ordinal) ? GrpcRoute.KindName : HttpRoute.KindName;
            foreach (var (other, otherServed) in claims.TryGetValue((listener, otherKind), out var held) ? held : [])
            {
                if (SharedHostname(listener.Hostname, served, otherServed) is { } shared)
                {
                    conflict = $"{other.Kind} {other.Name} already serves hostname {shared} on listener {listener.Id}";
                    break;
                }
            }

            if (conflict is null)
            {
                kept.Add((listener, served));
            }
            else
            {
                conflicts.Add(conflict);
            }
        }

        if (conflicts.Count == 0)
        {
            return (listeners, null);
        }

        var message = string.Join("; ", conflicts) + "; an HTTPRoute and a GRPCRoute cannot share a hostname on one listener (the older route keeps it; between equally old ones, the first by namespace/name)";
        if (kept.Count == 0)
        {
            return ([], new Problem(HostnameConflict, message));
        }

        ctx.Warn(route.Key, "spec.hostnames", "not attached to every listener the parentRef selects: " + message);
        return (kept, null);
    }

    /// <summary>A hostname both routes serve on the listener, for the message; null when they share none.</summary>
    private static string? SharedHostname(string? listenerHostname, IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // An empty list serves whatever the listener does (null: every host).
        IReadOnlyList<string?> left = a.Count == 0 ? [listenerHostname] : [.. a];
        IReadOnlyList<string?> right = b.Count == 0 ? [listenerHostname] : [.. b];
        foreach (var x in left)
        {
            foreach (var y in right)
            {
                var shared = x is null ? y ?? "(any)" : y is null ? x : Hostnames.Intersect(x, y);
                if (shared is not null)
                {
                    return shared;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a reported parentRef (from the previous status) is <paramref name="b"/>, defaults applied.</summary>
    internal static bool SameParent(ParentReference? a, ParentReference b, string routeNamespace) =>
        a is not null
        && string.Equals(a.Group ?? GatewayApiGroup.Name, b.Group ?? GatewayApiGroup.Name, StringComparison.Ordinal)
        && string.Equals(a.Kind ?? Gateway.KindName, b.Kind ?? Gateway.KindName, StringComparison.Ordinal)
        && string.Equals(a.Namespace ?? routeNamespace, b.Namespace ?? routeNamespace, StringComparison.Ordinal)
        && string.Equals(a.Name, b.Name, StringComparison.Ordinal)
        && string.Equals(a.SectionName ?? string.Empty, b.SectionName ?? string.Empty, StringComparison.Ordinal)
        && a.Port == b.Port;

    private static string DroppedRules(RouteRuleSet rules) =>
        string.Join("; ", rules.Dropped.Select(d => string.Create(CultureInfo.InvariantCulture, $"rule {d.Index}: {d.Problem.Message}")));

    private static void AddCandidates(ListenerEntry listener, RouteEntry route, IReadOnlyList<string> served)
    {
        IReadOnlyList<string?> hostnames = served.Count == 0 ? [null] : [.. served];
        foreach (var rule in route.Rules.Valid)
        {
            for (var j = 0; j < rule.Matches.Count; j++)
            {
                foreach (var hostname in hostnames)
                {
                    listener.Candidates.Add(new RouteCandidate
                    {
                        Id = string.Create(CultureInfo.InvariantCulture, $"{route.IdPrefix}/{route.Key.Namespace}/{route.Key.Name}/rule/{rule.Index}/match/{j}"),
                        Route = route.Name,
                        RouteCreated = route.Created,
                        RuleIndex = rule.Index,
                        RuleName = rule.Name,
                        MatchIndex = j,
                        Hostname = hostname,
                        Match = rule.Matches[j],
                        Action = rule.Action,
                        Grpc = rule.GrpcRanks?[j],
                    });
                }
            }
        }
    }
}
