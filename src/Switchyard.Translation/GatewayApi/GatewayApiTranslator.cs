using Switchyard.Ir;
using Switchyard.Translation.Backends;
using IrListener = Switchyard.Ir.Listener;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The Gateway API translation step: GatewayClasses, Gateways and HTTPRoutes of our controller become IR listeners,
/// virtual hosts, rules and clusters (TLSRoutes: TLS listeners routed by SNI), with the status of each object computed on the way.
/// </summary>
internal static class GatewayApiTranslator
{
    public static void Translate(TranslationContext ctx, List<IrListener> listeners, List<BackendCluster> clusters)
    {
        var classes = GatewayClassTranslator.Translate(ctx);
        var grants = ReferenceGrants.From(ctx.Store);
        var gateways = GatewayTranslator.Prepare(ctx, classes, grants);
        ListenerConflicts.Resolve(gateways);

        var backends = new ServiceBackends(ctx.Store);
        HttpRouteTranslator.Translate(ctx, gateways, grants, backends);
        TlsRouteTranslator.Translate(ctx, gateways, grants, backends);

        foreach (var gateway in gateways)
        {
            ctx.SetStatus(gateway.Key, GatewayStatuses.Build(ctx, gateway));
        }

        GatewayIr.Build(gateways, backends, listeners, clusters);
        TlsRouteIr.Build(ctx, gateways, backends, clusters);
    }
}
