using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Translation.GatewayApi;

/// <summary>The objects of ours a route's parentRef can name: our Gateways and the ListenerSets naming them, by namespace/name.</summary>
internal sealed class RouteParents
{
    private readonly Dictionary<string, GatewayEntry> _gateways;
    private readonly Dictionary<string, ListenerSetEntry> _listenerSets;

    public RouteParents(IEnumerable<GatewayEntry> gateways, IEnumerable<ListenerSetEntry> listenerSets)
    {
        _gateways = gateways.ToDictionary(g => g.Namespace + "/" + g.Name, StringComparer.Ordinal);
        _listenerSets = listenerSets.ToDictionary(s => s.Namespace + "/" + s.Name, StringComparer.Ordinal);
    }

    /// <summary>The parentRefs of a route that name one of ours (a Gateway or a ListenerSet), in spec order.</summary>
    public List<(ParentReference Ref, IRouteParent Parent)> Of(string routeNamespace, List<ParentReference>? parentRefs)
    {
        var parents = new List<(ParentReference Ref, IRouteParent Parent)>();
        foreach (var parentRef in parentRefs ?? [])
        {
            if (parentRef is null || !string.Equals(parentRef.Group ?? GatewayApiGroup.Name, GatewayApiGroup.Name, StringComparison.Ordinal))
            {
                continue;
            }

            var key = (parentRef.Namespace ?? routeNamespace) + "/" + parentRef.Name;
            var kind = parentRef.Kind ?? Gateway.KindName;
            if (string.Equals(kind, Gateway.KindName, StringComparison.Ordinal) && _gateways.TryGetValue(key, out var gateway))
            {
                parents.Add((parentRef, gateway));
            }
            else if (string.Equals(kind, ListenerSet.KindName, StringComparison.Ordinal) && _listenerSets.TryGetValue(key, out var listenerSet))
            {
                parents.Add((parentRef, listenerSet));
            }
        }

        return parents;
    }
}
