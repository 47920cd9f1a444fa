using k8s;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The first step for every route kind: find the routes of that kind that name one of our Gateways. HTTPRoutes and
/// GRPCRoutes then get their rules translated into a <see cref="RouteEntry"/> for <see cref="RouteBinder"/>; TLSRoutes
/// take the same routes (<see cref="Ours"/>) to <see cref="TlsRouteTranslator"/>.
/// </summary>
internal static class RouteTranslator
{
    /// <summary>Every HTTPRoute naming one of our Gateways or ListenerSets, its rules translated.</summary>
    public static IEnumerable<RouteEntry> Http(TranslationContext ctx, RouteParents parents, ReferenceGrants grants, ServiceBackends backends) =>
        Prepare<HttpRoute>(ctx, parents, HttpRoute.KindName, "httproute", r => r.Spec.ParentRefs, r => r.Spec.Hostnames,
            (route, key) => HttpRouteRules.Build(ctx, route, key, grants, backends));

    /// <summary>Every GRPCRoute naming one of our Gateways or ListenerSets, its rules translated.</summary>
    public static IEnumerable<RouteEntry> Grpc(TranslationContext ctx, RouteParents parents, ReferenceGrants grants, ServiceBackends backends) =>
        Prepare<GrpcRoute>(ctx, parents, GrpcRoute.KindName, "grpcroute", r => r.Spec.ParentRefs, r => r.Spec.Hostnames,
            (route, key) => GrpcRouteRules.Build(ctx, route, key, grants, backends));

    /// <summary>The routes of kind <paramref name="kind"/> with their parentRefs that name one of our Gateways (at least one).</summary>
    public static IEnumerable<(TRoute Route, ResourceKey Key, List<(ParentReference Ref, IRouteParent Parent)> Parents)> Ours<TRoute>(
        TranslationContext ctx, RouteParents parents, string kind, Func<TRoute, List<ParentReference>?> parentRefs)
        where TRoute : class, IKubernetesObject<V1ObjectMeta>
    {
        foreach (var route in ctx.Store.OfType<TRoute>())
        {
            var ns = route.Metadata.NamespaceProperty ?? string.Empty;
            var named = parents.Of(ns, parentRefs(route));
            if (named.Count > 0)
            {
                yield return (route, new ResourceKey(GatewayApiGroup.Name, kind, ns, route.Metadata.Name), named);
            }
        }
    }

    /// <summary>spec.hostnames normalized, the invalid ones left out.</summary>
    public static List<string> Hostnames(List<string>? hostnames) => [.. (hostnames ?? []).Select(GatewayApi.Hostnames.Normalize).OfType<string>()];

    private static List<RouteEntry> Prepare<TRoute>(
        TranslationContext ctx,
        RouteParents parents,
        string kind,
        string idPrefix,
        Func<TRoute, List<ParentReference>?> parentRefs,
        Func<TRoute, List<string>?> hostnames,
        Func<TRoute, ResourceKey, RouteRuleSet> rules)
        where TRoute : class, IKubernetesObject<V1ObjectMeta>
    {
        var entries = new List<RouteEntry>();
        foreach (var (route, key, named) in Ours(ctx, parents, kind, parentRefs))
        {
            entries.Add(new RouteEntry
            {
                Key = key,
                Kind = kind,
                IdPrefix = idPrefix,
                Created = route.Metadata.CreationTimestamp ?? DateTime.MinValue,
                Generation = route.Metadata.Generation ?? 1,
                Hostnames = Hostnames(hostnames(route)),
                Parents = named,
                Rules = rules(route, key),
            });
        }

        return entries;
    }
}
