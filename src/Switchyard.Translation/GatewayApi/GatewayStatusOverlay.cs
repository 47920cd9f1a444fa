using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Reports sockets that could not be bound. Translation cannot know that a port is taken, so the serve command binds
/// the IR listeners and then calls this with the failures: every Gateway listener served by a failed socket becomes
/// Accepted=False (PortUnavailable, as the spec says for a port already in use) and Programmed=False (Pending: not
/// online), and its Gateway's conditions are recomputed (Programmed=False, AddressNotUsable, once none of its
/// listeners is left programmed). Pure: returns a new result and leaves the input untouched.
/// </summary>
public static class GatewayStatusOverlay
{
    /// <param name="result">A translation result.</param>
    /// <param name="failures">IR listener ids (<see cref="Ir.Listener.Id"/>, <see cref="Ir.TlsRouting.TlsListener.Id"/>) that failed to bind, with the OS error.</param>
    /// <param name="now">lastTransitionTime for conditions that change.</param>
    public static TranslationResult WithBindFailures(TranslationResult result, IReadOnlyList<(string ListenerId, string Error)> failures, DateTime now)
    {
        // Gateway key -> listener name -> errors, from the owners of each failed socket.
        var failed = new SortedDictionary<ResourceKey, Dictionary<string, List<string>>>();
        foreach (var (listenerId, error) in failures)
        {
            var owners = result.Snapshot.Listeners.FirstOrDefault(l => string.Equals(l.Id, listenerId, StringComparison.Ordinal))?.Owners
                ?? result.Snapshot.TlsListeners.FirstOrDefault(l => string.Equals(l.Id, listenerId, StringComparison.Ordinal))?.Owners
                ?? [];
            foreach (var owner in owners)
            {
                var parts = owner.Split('/');
                if (parts.Length != 3)
                {
                    continue;
                }

                var key = new ResourceKey(GatewayApiGroup.Name, Gateway.KindName, parts[0], parts[1]);
                if (!failed.TryGetValue(key, out var byListener))
                {
                    failed[key] = byListener = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                }

                if (!byListener.TryGetValue(parts[2], out var errors))
                {
                    byListener[parts[2]] = errors = [];
                }

                errors.Add($"cannot bind {listenerId}: {error}");
            }
        }

        if (failed.Count == 0)
        {
            return result;
        }

        var status = result.Status.ToBuilder();
        foreach (var (key, byListener) in failed)
        {
            if (!result.Status.TryGetValue(key, out var current) || current is not GatewayStatus gateway)
            {
                continue;
            }

            var generation = gateway.Conditions?.FirstOrDefault()?.ObservedGeneration ?? 1;
            var listeners = new List<ListenerStatus>();
            foreach (var listener in gateway.Listeners ?? [])
            {
                if (!byListener.TryGetValue(listener.Name, out var errors))
                {
                    listeners.Add(listener);
                    continue;
                }

                var message = string.Join("; ", errors);
                listeners.Add(new ListenerStatus
                {
                    Name = listener.Name,
                    SupportedKinds = listener.SupportedKinds,
                    AttachedRoutes = listener.AttachedRoutes,
                    Conditions = [.. listener.Conditions.Select(c => c.Type switch
                    {
                        ListenerConditions.Accepted => Replace(c, ListenerConditions.PortUnavailable, message, generation, now),
                        ListenerConditions.Programmed => Replace(c, ListenerConditions.Pending, message, generation, now),
                        _ => c,
                    })],
                });
            }

            // Keep what the translation decided about the Gateway itself; only the listener-derived parts change.
            var accepted = gateway.Conditions.Find(GatewayConditions.Accepted);
            Problem? notAccepted = accepted is { Status: "False" } && accepted.Reason != GatewayConditions.ListenersNotValid
                ? new Problem(accepted.Reason, accepted.Message)
                : null;
            var programmed = gateway.Conditions.Find(GatewayConditions.Programmed);
            var unusable = programmed is { Status: "False", Reason: GatewayConditions.AddressNotUsable } ? programmed.Message : null;
            if (unusable is null && !listeners.Any(l => l.Conditions.IsTrue(ListenerConditions.Programmed)))
            {
                unusable = string.Join("; ", byListener.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value).Distinct(StringComparer.Ordinal));
            }

            var conditions = new ConditionWriter(generation, gateway.Conditions, now);
            GatewaySummary.Write(conditions, notAccepted, unusable, listeners);
            status[key] = new GatewayStatus
            {
                Addresses = gateway.Addresses,
                Conditions = conditions.Conditions,
                Listeners = listeners,
                AttachedListenerSets = gateway.AttachedListenerSets,
            };
        }

        return result with { Status = status.ToImmutable() };
    }

    private static V1Condition Replace(V1Condition condition, string reason, string message, long generation, DateTime now) => new()
    {
        Type = condition.Type,
        Status = "False",
        Reason = reason,
        Message = message,
        ObservedGeneration = generation,
        LastTransitionTime = ConditionWriter.TransitionTime([condition], condition.Type, "False", reason, now),
    };
}
