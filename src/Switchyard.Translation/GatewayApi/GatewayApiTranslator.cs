using Switchyard.Ir;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Policies;
using IrListener = Switchyard.Ir.Listener;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The Gateway API translation step: GatewayClasses, Gateways (with their ListenerSets), HTTPRoutes and GRPCRoutes of our
/// controller become IR listeners,
/// virtual hosts, rules and clusters, TLSRoutes become TLS listeners routed by SNI, with the status of each object
/// computed on the way.
/// </summary>
internal static class GatewayApiTranslator
{
    public static void Translate(TranslationContext ctx, List<IrListener> listeners, List<BackendCluster> clusters)
    {
        var classes = GatewayClassTranslator.Translate(ctx);
        var grants = ReferenceGrants.From(ctx.Store);
        var gateways = GatewayTranslator.Prepare(ctx, classes, grants);
        var listenerSets = ListenerSetTranslator.Prepare(ctx, gateways, grants);
        ListenerConflicts.Resolve(gateways);
        GatewayBackendClientCertificates.Resolve(ctx, gateways, grants);

        var policies = BackendTlsPolicies.Build(ctx);
        var backends = new ServiceBackends(ctx.Store, policies);
        var byName = new RouteParents(gateways, listenerSets);
        var routes = new List<RouteEntry>();
        routes.AddRange(RouteTranslator.Http(ctx, byName, grants, backends));
        routes.AddRange(RouteTranslator.Grpc(ctx, byName, grants, backends));
        RouteBinder.Bind(ctx, routes);
        BackendTlsPolicyStatuses.Build(ctx, policies, routes, grants);
        TlsRouteTranslator.Translate(ctx, byName, grants, backends);

        // ListenerSets first: a Gateway counts those whose status says Accepted.
        foreach (var listenerSet in listenerSets)
        {
            ctx.SetStatus(listenerSet.Key, ListenerSetStatuses.Build(ctx, listenerSet));
        }

        foreach (var gateway in gateways)
        {
            ctx.SetStatus(gateway.Key, GatewayStatuses.Build(ctx, gateway));
        }

        GatewayServices.Build(ctx, gateways);

        GatewayIr.Build(gateways, backends, listeners, clusters);
        TlsRouteIr.Build(ctx, gateways, backends, clusters);
    }
}
