using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Builds the status of one of our Gateways once its listeners and routes have been decided.</summary>
internal static class GatewayStatuses
{
    public static GatewayStatus Build(TranslationContext ctx, GatewayEntry gateway)
    {
        var previous = ctx.Previous.Status.TryGetValue(gateway.Key, out var p) ? p as GatewayStatus : null;
        var listeners = ListenerStatuses.Build(ctx, gateway.Generation, previous?.Listeners, gateway.Listeners);

        var gatewayConditions = new ConditionWriter(gateway.Generation, previous?.Conditions, ctx.Now);
        GatewaySummary.Write(gatewayConditions, gateway.NotAccepted, gateway.UnusableAddresses, listeners);
        GatewayBackendClientCertificates.WriteCondition(gatewayConditions, gateway, listeners);

        // Present only while some frontend validation lets clients without a valid certificate through (GEP-91).
        if (FrontendTls.AllowsInsecureFallback(gateway.Gateway))
        {
            gatewayConditions.Set(
                GatewayConditions.InsecureFrontendValidationMode,
                true,
                GatewayConditions.ConfigurationChanged,
                "spec.tls.frontend uses mode AllowInsecureFallback: clients without a valid certificate are served");
        }
        return new GatewayStatus
        {
            Addresses = gateway.Accepted ? [.. gateway.Addresses.Select(a => new GatewayStatusAddress { Type = "IPAddress", Value = a })] : null,
            Conditions = gatewayConditions.Conditions,
            Listeners = listeners,
            AttachedListenerSets = AttachedListenerSets(gateway),
        };
    }

    /// <summary>
    /// ListenerSets attached with Accepted=True; reported when the Gateway admits ListenerSets or one names it, so
    /// Gateways that have nothing to do with ListenerSets keep their status as before.
    /// </summary>
    private static int? AttachedListenerSets(GatewayEntry gateway)
    {
        var from = gateway.Gateway.Spec.AllowedListeners?.Namespaces?.From ?? "None";
        if (!gateway.NamedByListenerSets && string.Equals(from, "None", StringComparison.Ordinal))
        {
            return null;
        }

        return gateway.ListenerSets.Count(s => s.Accepted);
    }
}
