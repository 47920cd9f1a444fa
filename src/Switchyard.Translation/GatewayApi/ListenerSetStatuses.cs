using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Builds the status of a ListenerSet naming one of our Gateways: Accepted and Programmed summarize only its own
/// listeners (GEP-1713), and status.listeners has one entry per listener once the Gateway takes the ListenerSet.
/// </summary>
internal static class ListenerSetStatuses
{
    public static ListenerSetStatus Build(TranslationContext ctx, ListenerSetEntry entry)
    {
        var previous = ctx.Previous.Status.TryGetValue(entry.Key, out var p) ? p as ListenerSetStatus : null;
        var conditions = new ConditionWriter(entry.Generation, previous?.Conditions, ctx.Now);
        if (entry.NotAttached is { } notAttached)
        {
            conditions.Set(ListenerSetConditions.Accepted, false, notAttached.Reason, notAttached.Message);
            var programmedReason = string.Equals(notAttached.Reason, ListenerSetConditions.NotAllowed, StringComparison.Ordinal)
                ? ListenerSetConditions.NotAllowed
                : ListenerSetConditions.ParentNotProgrammed;
            conditions.Set(ListenerSetConditions.Programmed, false, programmedReason, notAttached.Message);
            entry.Accepted = false;
            return new ListenerSetStatus { Conditions = conditions.Conditions };
        }

        var listeners = ListenerStatuses.Build(ctx, entry.Generation, previous?.Listeners, entry.Listeners);

        var gateway = entry.Gateway;
        string? parentProblem = gateway.UnusableAddresses is { } unusable
            ? $"Gateway {gateway.Namespace}/{gateway.Name} is not programmed: {unusable}"
            : gateway.Addresses.Count == 0 ? $"Gateway {gateway.Namespace}/{gateway.Name} has no usable address" : null;
        entry.Accepted = Summarize(conditions, listeners, parentProblem, notProgrammedReason: ListenerSetConditions.Invalid);
        return new ListenerSetStatus { Conditions = conditions.Conditions, Listeners = listeners };
    }

    /// <summary>
    /// Accepted and Programmed of an attached ListenerSet from its listeners' status; returns whether it is accepted.
    /// Also used when sockets fail to bind (<see cref="GatewayStatusOverlay"/>), with reason PortUnavailable.
    /// </summary>
    public static bool Summarize(ConditionWriter conditions, List<ListenerStatus> listeners, string? parentProblem, string notProgrammedReason)
    {
        // A listener is valid when accepted with its references resolved; the set is accepted while one is.
        var invalid = listeners
            .Where(l => !l.Conditions.IsTrue(ListenerConditions.Accepted) || !l.Conditions.IsTrue(ListenerConditions.ResolvedRefs))
            .Select(l => l.Name)
            .ToList();
        if (listeners.Count == 0 || invalid.Count == listeners.Count)
        {
            var refused = listeners.Count == 0 ? "ListenerSet has no listeners" : $"no listener is valid: {string.Join(", ", invalid)}";
            conditions.Set(ListenerSetConditions.Accepted, false, ListenerSetConditions.ListenersNotValid, refused);
            conditions.Set(ListenerSetConditions.Programmed, false, ListenerSetConditions.ListenersNotValid, refused);
            return false;
        }

        if (invalid.Count > 0)
        {
            conditions.Set(ListenerSetConditions.Accepted, true, ListenerSetConditions.ListenersNotValid, $"listener(s) not valid: {string.Join(", ", invalid)}; the other listeners are accepted");
        }
        else
        {
            conditions.Set(ListenerSetConditions.Accepted, true, ListenerSetConditions.Accepted, "ListenerSet is accepted");
        }

        if (parentProblem is not null)
        {
            conditions.Set(ListenerSetConditions.Programmed, false, ListenerSetConditions.ParentNotProgrammed, parentProblem);
        }
        else if (!listeners.Exists(l => l.Conditions.IsTrue(ListenerConditions.Programmed)))
        {
            conditions.Set(ListenerSetConditions.Programmed, false, notProgrammedReason, "no listener is programmed");
        }
        else
        {
            conditions.Set(ListenerSetConditions.Programmed, true, ListenerSetConditions.Programmed, "ListenerSet is programmed");
        }

        return true;
    }
}
