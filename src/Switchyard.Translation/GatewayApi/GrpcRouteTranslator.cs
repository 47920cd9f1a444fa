using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Translates the rules of every GRPCRoute that names one of our Gateways; <see cref="RouteBinder"/> attaches them.</summary>
internal static class GrpcRouteTranslator
{
    public static IEnumerable<RouteEntry> Prepare(TranslationContext ctx, IReadOnlyDictionary<string, GatewayEntry> gateways, ReferenceGrants grants, ServiceBackends backends)
    {
        var entries = new List<RouteEntry>();
        foreach (var route in ctx.Store.OfType<GrpcRoute>())
        {
            var ns = route.Metadata.NamespaceProperty ?? string.Empty;
            var parents = RouteBinder.OurParents(gateways, ns, route.Spec.ParentRefs);
            if (parents.Count == 0)
            {
                continue;
            }

            var key = new ResourceKey(GatewayApiGroup.Name, GrpcRoute.KindName, ns, route.Metadata.Name);
            entries.Add(new RouteEntry
            {
                Key = key,
                Kind = GrpcRoute.KindName,
                IdPrefix = "grpcroute",
                Created = route.Metadata.CreationTimestamp ?? DateTime.MinValue,
                Generation = route.Metadata.Generation ?? 1,
                Hostnames = [.. (route.Spec.Hostnames ?? []).Select(Hostnames.Normalize).OfType<string>()],
                Parents = parents,
                Rules = GrpcRouteRules.Build(ctx, route, key, grants, backends),
            });
        }

        return entries;
    }
}
