using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>The Gateway-level Accepted and Programmed conditions, derived from the Gateway's own problems and its listeners' status.</summary>
internal static class GatewaySummary
{
    public static void Write(ConditionWriter conditions, Problem? notAccepted, string? unusableAddresses, IReadOnlyList<ListenerStatus> listeners)
    {
        var invalid = listeners.Where(l => !l.Conditions.IsTrue(ListenerConditions.Accepted)).Select(l => l.Name).ToList();
        var programmed = listeners.Count(l => l.Conditions.IsTrue(ListenerConditions.Programmed));
        if (notAccepted is { } problem)
        {
            conditions.Set(GatewayConditions.Accepted, false, problem.Reason, problem.Message);
        }
        else if (listeners.Count == 0)
        {
            conditions.Set(GatewayConditions.Accepted, false, GatewayConditions.ListenersNotValid, "Gateway has no listeners");
        }
        else if (invalid.Count == listeners.Count)
        {
            conditions.Set(GatewayConditions.Accepted, false, GatewayConditions.ListenersNotValid, $"no listener is valid: {string.Join(", ", invalid)}");
        }
        else if (invalid.Count > 0)
        {
            // The spec wants ListenersNotValid whenever a listener is refused, even though the Gateway still serves the rest.
            conditions.Set(GatewayConditions.Accepted, true, GatewayConditions.ListenersNotValid, $"listener(s) not valid: {string.Join(", ", invalid)}; the other listeners are accepted");
        }
        else
        {
            conditions.Set(GatewayConditions.Accepted, true, GatewayConditions.Accepted, "Gateway is accepted");
        }

        if (notAccepted is not null)
        {
            conditions.Set(GatewayConditions.Programmed, false, GatewayConditions.Invalid, "Gateway is not accepted");
        }
        else if (unusableAddresses is not null)
        {
            conditions.Set(GatewayConditions.Programmed, false, GatewayConditions.AddressNotUsable, unusableAddresses);
        }
        else if (programmed == 0)
        {
            conditions.Set(GatewayConditions.Programmed, false, GatewayConditions.Invalid, "no listener is programmed");
        }
        else
        {
            conditions.Set(GatewayConditions.Programmed, true, GatewayConditions.Programmed, "Gateway is programmed");
        }
    }
}
