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
        var listeners = new List<ListenerStatus>();
        foreach (var listener in gateway.Listeners)
        {
            var previousListener = previous?.Listeners?.FirstOrDefault(l => l is not null && string.Equals(l.Name, listener.Name, StringComparison.Ordinal));
            var conditions = new ConditionWriter(gateway.Generation, previousListener?.Conditions, ctx.Now);
            if (listener.NotAccepted is { } refused)
            {
                conditions.Set(ListenerConditions.Accepted, false, refused.Reason, refused.Message);
            }
            else if (listener.Conflict is { } conflict)
            {
                conditions.Set(ListenerConditions.Accepted, false, conflict.Reason, conflict.Message);
            }
            else
            {
                conditions.Set(ListenerConditions.Accepted, true, ListenerConditions.Accepted, "Listener is accepted");
            }

            if (listener.Programmed)
            {
                conditions.Set(ListenerConditions.Programmed, true, ListenerConditions.Programmed, "Listener is programmed");
            }
            else
            {
                conditions.Set(ListenerConditions.Programmed, false, ListenerConditions.Invalid, NotProgrammed(listener));
            }

            if (listener.RefProblems.Count > 0)
            {
                conditions.Set(ListenerConditions.ResolvedRefs, false, listener.RefProblems[0].Reason, string.Join("; ", listener.RefProblems.Select(r => r.Message)));
            }
            else
            {
                conditions.Set(ListenerConditions.ResolvedRefs, true, ListenerConditions.ResolvedRefs, "All references resolved");
            }

            if (listener.Conflict is { } conflicted)
            {
                conditions.Set(ListenerConditions.Conflicted, true, conflicted.Reason, conflicted.Message);
            }
            else
            {
                conditions.Set(ListenerConditions.Conflicted, false, ListenerConditions.NoConflicts, "No conflicts");
            }

            // A negative-polarity condition: present only when true.
            if (listener.OverlappingWith.Count > 0)
            {
                conditions.Set(ListenerConditions.OverlappingTLSConfig, true, ListenerConditions.OverlappingHostnames, $"hostname overlaps with HTTPS listener(s) {Names(listener.OverlappingWith)} on the same port; clients may reuse connections across them");
            }

            listeners.Add(new ListenerStatus
            {
                Name = listener.Name,
                SupportedKinds = [.. listener.SupportedKinds],
                AttachedRoutes = listener.AttachedRoutes.Count,
                Conditions = conditions.Conditions,
            });
        }

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
        };
    }

    // A catch-all listener can overlap thousands of others; the message names a few.
    private static string Names(List<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {(ids.Count - 5).ToString(System.Globalization.CultureInfo.InvariantCulture)} more";

    private static string NotProgrammed(ListenerEntry listener)
    {
        if (!listener.Gateway.Accepted)
        {
            return "Gateway is not accepted";
        }

        if (!listener.Accepted)
        {
            return "Listener is not accepted";
        }

        if (listener.Gateway.Addresses.Count == 0)
        {
            return "Gateway has no usable address";
        }

        return listener.Protocol is ListenerProtocol.Https or ListenerProtocol.Tls ? "no valid certificate" : "Listener is not programmed";
    }
}
