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
/// listeners is left programmed). A socket that failed because its address (from the Gateway's spec.addresses) is not
/// one of this host's is the Gateway's problem, not the port's (GatewayStaticAddresses): the Gateway becomes
/// Programmed=False/AddressNotUsable and leaves that address out of status.addresses, while its listeners stay
/// accepted and stay programmed as long as they are served on another address. Pure: returns a new result and leaves
/// the input untouched.
/// </summary>
public static class GatewayStatusOverlay
{
    /// <param name="result">A translation result.</param>
    /// <param name="failures">IR listener ids (<see cref="Ir.Listener.Id"/>, <see cref="Ir.TlsRouting.TlsListener.Id"/>) that failed to bind, with the OS error.</param>
    /// <param name="now">lastTransitionTime for conditions that change.</param>
    /// <param name="addressNotAssigned">The failed listener ids whose address is not assigned to this host.</param>
    public static TranslationResult WithBindFailures(
        TranslationResult result, IReadOnlyList<(string ListenerId, string Error)> failures, DateTime now, IReadOnlyCollection<string>? addressNotAssigned = null)
    {
        // Gateway key -> listener name -> errors, from the owners of each failed socket; unusable addresses apart.
        var failed = new SortedDictionary<ResourceKey, Dictionary<string, List<string>>>();
        var unusable = new Dictionary<ResourceKey, SortedSet<string>>();
        var unservedListeners = new HashSet<string>(StringComparer.Ordinal);
        var failedIds = failures.Select(f => f.ListenerId).ToHashSet(StringComparer.Ordinal);

        // ListenerSet key -> listener name -> errors: ListenerSet listeners report their own failures.
        var failedSets = new SortedDictionary<ResourceKey, Dictionary<string, List<string>>>();
        var sockets = result.Snapshot.Listeners.Select(l => (l.Id, l.Address, l.Owners))
            .Concat(result.Snapshot.TlsListeners.Select(l => (l.Id, l.Address, l.Owners)))
            .ToList();
        foreach (var (listenerId, error) in failures)
        {
            var socket = sockets.FirstOrDefault(l => string.Equals(l.Id, listenerId, StringComparison.Ordinal));
            var notAssigned = addressNotAssigned?.Contains(listenerId) == true;
            foreach (var owner in socket.Owners.IsDefault ? [] : socket.Owners)
            {
                var parts = owner.Split('/');
                if (parts.Length == 5)
                {
                    var setKey = new ResourceKey(GatewayApiGroup.Name, ListenerSet.KindName, parts[2], parts[3]);
                    if (!failedSets.TryGetValue(setKey, out var setListeners))
                    {
                        failedSets[setKey] = setListeners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                    }

                    if (!setListeners.TryGetValue(parts[4], out var setErrors))
                    {
                        setListeners[parts[4]] = setErrors = [];
                    }

                    setErrors.Add($"cannot bind {listenerId}: {error}");
                    continue;
                }

                if (parts.Length != 3)
                {
                    continue;
                }

                var key = new ResourceKey(GatewayApiGroup.Name, Gateway.KindName, parts[0], parts[1]);
                if (!failed.TryGetValue(key, out var byListener))
                {
                    failed[key] = byListener = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                }

                if (notAssigned)
                {
                    if (!unusable.TryGetValue(key, out var addresses))
                    {
                        unusable[key] = addresses = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    addresses.Add(socket.Address);

                    // Still served elsewhere (another of the Gateway's addresses)? Then the listener itself is fine.
                    if (sockets.Any(l => !failedIds.Contains(l.Id) && !l.Owners.IsDefault && l.Owners.Contains(owner, StringComparer.Ordinal)))
                    {
                        continue;
                    }

                    unservedListeners.Add(owner);
                }

                if (!byListener.TryGetValue(parts[2], out var errors))
                {
                    byListener[parts[2]] = errors = [];
                }

                errors.Add($"cannot bind {listenerId}: {error}");
            }
        }

        if (failed.Count == 0 && failedSets.Count == 0)
        {
            return result;
        }

        var status = result.Status.ToBuilder();
        foreach (var (key, byListener) in failedSets)
        {
            if (!result.Status.TryGetValue(key, out var current) || current is not ListenerSetStatus set || set.Listeners is null)
            {
                continue;
            }

            var generation = set.Conditions?.FirstOrDefault()?.ObservedGeneration ?? 1;
            var listeners = set.Listeners.Select(listener => !byListener.TryGetValue(listener.Name, out var errors)
                ? listener
                : new ListenerStatus
                {
                    Name = listener.Name,
                    SupportedKinds = listener.SupportedKinds,
                    AttachedRoutes = listener.AttachedRoutes,
                    Conditions = [.. listener.Conditions.Select(c => c.Type switch
                    {
                        ListenerConditions.Accepted => Replace(c, ListenerConditions.PortUnavailable, string.Join("; ", errors), generation, now),
                        ListenerConditions.Programmed => Replace(c, ListenerConditions.Pending, string.Join("; ", errors), generation, now),
                        _ => c,
                    })],
                }).ToList();
            var programmed = set.Conditions.Find(ListenerSetConditions.Programmed);
            var parentProblem = programmed is { Status: "False", Reason: ListenerSetConditions.ParentNotProgrammed } ? programmed.Message : null;
            var conditions = new ConditionWriter(generation, set.Conditions, now);
            ListenerSetStatuses.Summarize(conditions, listeners, parentProblem, notProgrammedReason: ListenerConditions.PortUnavailable);
            status[key] = new ListenerSetStatus { Conditions = conditions.Conditions, Listeners = listeners };
        }

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

                // A listener left without any socket only because its addresses are unusable is valid but not online.
                var message = string.Join("; ", errors);
                var portProblem = !unservedListeners.Contains($"{key.Namespace}/{key.Name}/{listener.Name}");
                listeners.Add(new ListenerStatus
                {
                    Name = listener.Name,
                    SupportedKinds = listener.SupportedKinds,
                    AttachedRoutes = listener.AttachedRoutes,
                    Conditions = [.. listener.Conditions.Select(c => c.Type switch
                    {
                        ListenerConditions.Accepted when portProblem => Replace(c, ListenerConditions.PortUnavailable, message, generation, now),
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
            var addressProblem = programmed is { Status: "False", Reason: GatewayConditions.AddressNotUsable } ? programmed.Message : null;
            unusable.TryGetValue(key, out var notUsable);
            if (addressProblem is null && notUsable is not null)
            {
                addressProblem = $"address(es) not assigned to this host: {string.Join(", ", notUsable)}";
            }

            if (addressProblem is null && !listeners.Any(l => l.Conditions.IsTrue(ListenerConditions.Programmed)))
            {
                addressProblem = string.Join("; ", byListener.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value).Distinct(StringComparer.Ordinal));
            }

            var conditions = new ConditionWriter(generation, gateway.Conditions, now);
            GatewaySummary.Write(conditions, notAccepted, addressProblem, listeners);
            status[key] = new GatewayStatus
            {
                Addresses = notUsable is null ? gateway.Addresses : [.. (gateway.Addresses ?? []).Where(a => !notUsable.Contains(a.Value))],
                Conditions = conditions.Conditions,
                Listeners = listeners,
                AttachedListenerSets = gateway.AttachedListenerSets,
            };
        }

        // The Gateway's Service advertises the addresses the Gateway reports.
        var generated = result.Generated.Select(g => unusable.ContainsKey(g.Owner) && status.TryGetValue(g.Owner, out var s) && s is GatewayStatus updated
            ? GatewayServices.WithAddresses(g, (updated.Addresses ?? []).Select(a => a.Value).OfType<string>())
            : g);
        return result with { Status = status.ToImmutable(), Generated = [.. generated] };
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
