using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>The status of each listener of a Gateway or a ListenerSet: Accepted, Programmed, ResolvedRefs, Conflicted.</summary>
internal static class ListenerStatuses
{
    public static List<ListenerStatus> Build(TranslationContext ctx, long generation, List<ListenerStatus>? previous, IEnumerable<ListenerEntry> entries)
    {
        var listeners = new List<ListenerStatus>();
        foreach (var listener in entries)
        {
            var previousListener = previous?.FirstOrDefault(l => l is not null && string.Equals(l.Name, listener.Name, StringComparison.Ordinal));
            var conditions = new ConditionWriter(generation, previousListener?.Conditions, ctx.Now);
            // A conflict says more than an unsupported protocol, the one refusal it can come with.
            if (listener.Conflict is { } conflict)
            {
                conditions.Set(ListenerConditions.Accepted, false, conflict.Reason, conflict.Message);
            }
            else if (listener.NotAccepted is { } refused)
            {
                conditions.Set(ListenerConditions.Accepted, false, refused.Reason, refused.Message);
            }
            else
            {
                conditions.Set(ListenerConditions.Accepted, true, ListenerConditions.Accepted, "Listener is accepted");
            }

            if (listener.Programmed)
            {
                conditions.Set(ListenerConditions.Programmed, true, ListenerConditions.Programmed, "Listener is programmed");
            }
            else if (listener.Conflict is { } lost)
            {
                // Not programmed because it lost its socket: the conflict is the reason (as the ListenerSet conformance tests expect).
                conditions.Set(ListenerConditions.Programmed, false, lost.Reason, "Listener is conflicted: " + lost.Message);
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

        return listeners;
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
