using System.Globalization;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Attaches HTTPRoutes to the listeners of our Gateways and reports, per parentRef that names one of our Gateways,
/// whether the route is accepted and its references resolved. Parent refs to other controllers' Gateways (or to
/// objects that do not exist) get no entry from us.
/// </summary>
internal static class HttpRouteTranslator
{
    public static void Translate(TranslationContext ctx, IReadOnlyList<GatewayEntry> gateways, ReferenceGrants grants, ServiceBackends backends)
    {
        var byName = gateways.ToDictionary(g => g.Namespace + "/" + g.Name, StringComparer.Ordinal);
        var attachment = new RouteAttachment(ctx.Store);
        foreach (var route in ctx.Store.OfType<HttpRoute>())
        {
            var ns = route.Metadata.NamespaceProperty ?? string.Empty;
            var key = new ResourceKey(GatewayApiGroup.Name, HttpRoute.KindName, ns, route.Metadata.Name);
            var parents = new List<(ParentReference Ref, GatewayEntry Gateway)>();
            foreach (var parentRef in route.Spec.ParentRefs ?? [])
            {
                if (parentRef is not null && IsGateway(parentRef)
                    && byName.TryGetValue((parentRef.Namespace ?? ns) + "/" + parentRef.Name, out var gateway))
                {
                    parents.Add((parentRef, gateway));
                }
            }

            if (parents.Count == 0)
            {
                continue;
            }

            var rules = HttpRouteRules.Build(ctx, route, key, grants, backends);
            var hostnames = (route.Spec.Hostnames ?? []).Select(Hostnames.Normalize).OfType<string>().ToList();
            var previous = ctx.Previous.Status.TryGetValue(key, out var p) ? p as RouteStatus : null;
            var generation = route.Metadata.Generation ?? 1;
            var status = new RouteStatus();
            foreach (var (parentRef, gateway) in parents)
            {
                // A refused Gateway serves nothing, so nothing can attach to it; saying Accepted would mislead.
                var (listeners, problem) = gateway.NotAccepted is { } refused
                    ? ([], new Problem(RouteConditions.NoMatchingParent, $"Gateway {gateway.Namespace}/{gateway.Name} is not accepted: {refused.Message}"))
                    : attachment.Attach(ns, hostnames, parentRef, gateway);
                var previousConditions = previous?.Parents.FirstOrDefault(e => e is not null
                    && string.Equals(e.ControllerName, ctx.Options.GatewayControllerName, StringComparison.Ordinal)
                    && SameParent(e.ParentRef, parentRef, ns))?.Conditions;
                var conditions = new ConditionWriter(generation, previousConditions, ctx.Now);
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
                        if (listener.AttachedRoutes.Add(key))
                        {
                            AddCandidates(listener, route, key, rules, served);
                        }
                    }
                }
            }

            ctx.SetStatus(key, status);
        }
    }

    private static bool IsGateway(ParentReference parentRef) =>
        string.Equals(parentRef.Group ?? GatewayApiGroup.Name, GatewayApiGroup.Name, StringComparison.Ordinal)
        && string.Equals(parentRef.Kind ?? Gateway.KindName, Gateway.KindName, StringComparison.Ordinal);

    private static bool SameParent(ParentReference? a, ParentReference b, string routeNamespace) =>
        a is not null
        && string.Equals(a.Group ?? GatewayApiGroup.Name, b.Group ?? GatewayApiGroup.Name, StringComparison.Ordinal)
        && string.Equals(a.Kind ?? Gateway.KindName, b.Kind ?? Gateway.KindName, StringComparison.Ordinal)
        && string.Equals(a.Namespace ?? routeNamespace, b.Namespace ?? routeNamespace, StringComparison.Ordinal)
        && string.Equals(a.Name, b.Name, StringComparison.Ordinal)
        && string.Equals(a.SectionName ?? string.Empty, b.SectionName ?? string.Empty, StringComparison.Ordinal)
        && a.Port == b.Port;

    private static string DroppedRules(HttpRouteRuleSet rules) =>
        string.Join("; ", rules.Dropped.Select(d => string.Create(CultureInfo.InvariantCulture, $"rule {d.Index}: {d.Problem.Message}")));

    private static void AddCandidates(ListenerEntry listener, HttpRoute route, ResourceKey key, HttpRouteRuleSet rules, IReadOnlyList<string> served)
    {
        var routeName = key.Namespace + "/" + key.Name;
        var created = route.Metadata.CreationTimestamp ?? DateTime.MinValue;
        IReadOnlyList<string?> hostnames = served.Count == 0 ? [null] : [.. served];
        foreach (var rule in rules.Valid)
        {
            for (var j = 0; j < rule.Matches.Count; j++)
            {
                foreach (var hostname in hostnames)
                {
                    listener.Candidates.Add(new RouteCandidate
                    {
                        Id = string.Create(CultureInfo.InvariantCulture, $"httproute/{key.Namespace}/{key.Name}/rule/{rule.Index}/match/{j}"),
                        Route = routeName,
                        RouteCreated = created,
                        RuleIndex = rule.Index,
                        RuleName = rule.Name,
                        MatchIndex = j,
                        Hostname = hostname,
                        Match = rule.Matches[j],
                        Action = rule.Action,
                    });
                }
            }
        }
    }
}
