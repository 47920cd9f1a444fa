using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Reads the ListenerSets whose parentRef names one of our Gateways (GEP-1713) and attaches those the Gateway's
/// spec.allowedListeners admits (default: none). An attached ListenerSet's listeners are built with the Gateway's
/// listener rules and join the Gateway's merged listener list after its own, oldest ListenerSet first, then by
/// namespace/name; conflicts between them are resolved in that order by <see cref="ListenerConflicts"/>.
/// ListenerSets naming some other Gateway get no status from us.
/// </summary>
internal static class ListenerSetTranslator
{
    public static List<ListenerSetEntry> Prepare(TranslationContext ctx, IReadOnlyList<GatewayEntry> gateways, ReferenceGrants grants)
    {
        var byName = gateways.ToDictionary(g => g.Namespace + "/" + g.Name, StringComparer.Ordinal);
        var sets = new List<ListenerSetEntry>();
        foreach (var listenerSet in ctx.Store.OfType<ListenerSet>())
        {
            var parentRef = listenerSet.Spec?.ParentRef;
            if (parentRef is null || string.IsNullOrEmpty(parentRef.Name)
                || !string.Equals(parentRef.Group ?? GatewayApiGroup.Name, GatewayApiGroup.Name, StringComparison.Ordinal)
                || !string.Equals(parentRef.Kind ?? Gateway.KindName, Gateway.KindName, StringComparison.Ordinal))
            {
                continue;
            }

            var ns = listenerSet.Metadata.NamespaceProperty ?? string.Empty;
            if (!byName.TryGetValue((parentRef.Namespace ?? ns) + "/" + parentRef.Name, out var gateway))
            {
                continue;
            }

            gateway.NamedByListenerSets = true;
            sets.Add(new ListenerSetEntry
            {
                ListenerSet = listenerSet,
                Key = new ResourceKey(GatewayApiGroup.Name, ListenerSet.KindName, ns, listenerSet.Metadata.Name),
                Generation = listenerSet.Metadata.Generation ?? 1,
                Gateway = gateway,
            });
        }

        // Listener precedence between ListenerSets: oldest first, then namespace/name. The order is total.
        sets.Sort((a, b) =>
        {
            var c = a.Created.CompareTo(b.Created);
            return c != 0 ? c : string.CompareOrdinal(a.Namespace + "/" + a.Name, b.Namespace + "/" + b.Name);
        });

        var namespaces = new NamespaceLabels(ctx.Store);
        foreach (var entry in sets)
        {
            var gateway = entry.Gateway;
            if (NotAllowed(gateway, entry.Namespace, namespaces) is { } why)
            {
                entry.NotAttached = new Problem(ListenerSetConditions.NotAllowed, why);
            }
            else if (gateway.NotAccepted is { } refused)
            {
                entry.NotAttached = new Problem(ListenerSetConditions.ParentNotAccepted, $"Gateway {gateway.Namespace}/{gateway.Name} is not accepted: {refused.Message}");
            }
            else
            {
                entry.Listeners.AddRange(GatewayTranslator.BuildListeners(ctx, gateway, entry, entry.ListenerSet.Spec.Listeners, grants));
                gateway.ListenerSets.Add(entry);
            }
        }

        return sets;
    }

    /// <summary>Why the Gateway's spec.allowedListeners does not admit ListenerSets from <paramref name="ns"/>; null when it does.</summary>
    private static string? NotAllowed(GatewayEntry gateway, string ns, NamespaceLabels namespaces)
    {
        var what = $"Gateway {gateway.Namespace}/{gateway.Name}";
        var allowed = gateway.Gateway.Spec.AllowedListeners?.Namespaces;
        switch (allowed?.From ?? "None")
        {
            case "All":
                return null;
            case "Same":
                return string.Equals(ns, gateway.Namespace, StringComparison.Ordinal)
                    ? null
                    : $"{what} allows ListenerSets from its own namespace only (spec.allowedListeners.namespaces.from: Same)";
            case "Selector":
                return allowed?.Selector is { } selector && namespaces.Matches(selector, ns)
                    ? null
                    : $"{what} allows ListenerSets only from namespaces matching spec.allowedListeners.namespaces.selector; namespace {ns} does not";
            case "None":
                return $"{what} does not allow ListenerSets (spec.allowedListeners.namespaces.from is None, the default)";
            default:
                return $"{what} has spec.allowedListeners.namespaces.from {allowed?.From}, which allows no ListenerSets";
        }
    }
}
