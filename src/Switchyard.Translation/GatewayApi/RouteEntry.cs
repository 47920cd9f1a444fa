using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// One HTTPRoute or GRPCRoute naming at least one of our Gateways, with its rules translated, ready to attach
/// (<see cref="RouteBinder"/>).
/// </summary>
internal sealed class RouteEntry
{
    public required ResourceKey Key { get; init; }

    /// <summary>HTTPRoute or GRPCRoute.</summary>
    public required string Kind { get; init; }

    /// <summary>Start of the IR rule ids: <c>httproute</c>, <c>grpcroute</c>.</summary>
    public required string IdPrefix { get; init; }

    public required DateTime Created { get; init; }

    public required long Generation { get; init; }

    /// <summary>spec.hostnames, normalized.</summary>
    public required IReadOnlyList<string> Hostnames { get; init; }

    /// <summary>The parentRefs naming one of our Gateways or ListenerSets, in spec order.</summary>
    public required IReadOnlyList<(ParentReference Ref, IRouteParent Parent)> Parents { get; init; }

    public required RouteRuleSet Rules { get; init; }

    public string Namespace => Key.Namespace;

    /// <summary><c>ns/name</c>: the route label in the IR and the alphabetical tie-breaker.</summary>
    public string Name => Key.Namespace + "/" + Key.Name;
}
