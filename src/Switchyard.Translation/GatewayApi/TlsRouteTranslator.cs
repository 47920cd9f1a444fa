using System.Collections.Immutable;
using Switchyard.Ir.TlsRouting;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Attaches TLSRoutes to the TLS listeners of our Gateways and reports, per parentRef that names one of our Gateways,
/// whether the route is accepted and its backends resolved. Attachment (sectionName, port, allowedRoutes, hostname
/// intersection) follows the same rules as HTTPRoute; only listeners of protocol TLS admit TLSRoutes.
/// </summary>
internal static class TlsRouteTranslator
{
    /// <summary>The route kinds a TLS listener serves: TLSRoute, by default or when listed in allowedRoutes.kinds.</summary>
    public static void ListenerKinds(ListenerEntry listener)
    {
        var kinds = listener.Spec.AllowedRoutes?.Kinds;
        if (kinds is null || kinds.Count == 0)
        {
            Admit(listener);
            return;
        }

        var invalid = new List<string>();
        foreach (var kind in kinds)
        {
            if (kind is null)
            {
                continue;
            }

            var group = kind.Group ?? GatewayApiGroup.Name;
            if (string.Equals(group, GatewayApiGroup.Name, StringComparison.Ordinal) && string.Equals(kind.Kind, TlsRoute.KindName, StringComparison.Ordinal))
            {
                Admit(listener);
            }
            else
            {
                invalid.Add(group.Length == 0 ? kind.Kind ?? string.Empty : $"{kind.Kind}.{group}");
            }
        }

        if (invalid.Count > 0)
        {
            listener.RefProblems.Add(new Problem(ListenerConditions.InvalidRouteKinds, $"route kinds not supported on protocol TLS: {string.Join(", ", invalid)}; supported: TLSRoute"));
        }

        static void Admit(ListenerEntry listener)
        {
            if (!listener.Allows(TlsRoute.KindName))
            {
                listener.SupportedKinds.Add(new RouteGroupKind { Group = GatewayApiGroup.Name, Kind = TlsRoute.KindName });
            }
        }
    }

    public static void Translate(TranslationContext ctx, RouteParents routeParents, ReferenceGrants grants, ServiceBackends backends)
    {
        var attachment = new RouteAttachment(ctx.Store);
        foreach (var (route, key, parents) in RouteTranslator.Ours<TlsRoute>(ctx, routeParents, TlsRoute.KindName, r => r.Spec.ParentRefs))
        {
            var ns = key.Namespace;
            var (routeBackends, refProblems) = TlsRouteBackends.Resolve(route, ns, grants, backends);
            var hostnames = RouteTranslator.Hostnames(route.Spec.Hostnames);
            var previous = ctx.Previous.Status.TryGetValue(key, out var p) ? p as RouteStatus : null;
            var generation = route.Metadata.Generation ?? 1;
            var status = new RouteStatus();
            foreach (var (parentRef, parent) in parents)
            {
                var (listeners, problem) = attachment.Attach(TlsRoute.KindName, ns, hostnames, parentRef, parent);
                var previousConditions = previous?.Parents.FirstOrDefault(e => e is not null
                    && string.Equals(e.ControllerName, ctx.Options.GatewayControllerName, StringComparison.Ordinal)
                    && RouteBinder.SameParent(e.ParentRef, parentRef, ns))?.Conditions;
                var conditions = new ConditionWriter(generation, previousConditions, ctx.Now);
                if (problem is { } notAttached)
                {
                    conditions.Set(RouteConditions.Accepted, false, notAttached.Reason, notAttached.Message);
                }
                else
                {
                    conditions.Set(RouteConditions.Accepted, true, RouteConditions.Accepted, "Route is accepted");
                }

                if (refProblems.Count > 0)
                {
                    conditions.Set(RouteConditions.ResolvedRefs, false, refProblems[0].Reason, string.Join("; ", refProblems.Select(r => r.Message)));
                }
                else
                {
                    conditions.Set(RouteConditions.ResolvedRefs, true, RouteConditions.ResolvedRefs, "All references resolved");
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

                foreach (var (listener, served) in listeners)
                {
                    // A route reaches a listener once, however many of its parentRefs select it.
                    if (listener.AttachedRoutes.Add(key))
                    {
                        AddCandidates(listener, route, key, routeBackends, served);
                    }
                }
            }

            ctx.SetStatus(key, status);
        }
    }

    private static void AddCandidates(ListenerEntry listener, TlsRoute route, ResourceKey key, ImmutableArray<SniBackend> backends, IReadOnlyList<string> served)
    {
        IReadOnlyList<string?> hostnames = served.Count == 0 ? [null] : [.. served];
        foreach (var hostname in hostnames)
        {
            listener.TlsRoutes.Add(new TlsRouteCandidate
            {
                Id = "tlsroute/" + key.Namespace + "/" + key.Name,
                Key = key,
                RouteCreated = route.Metadata.CreationTimestamp ?? DateTime.MinValue,
                Hostname = hostname,
                Backends = backends,
            });
        }
    }
}
