using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// What a route's parentRef can name: a Gateway, or a ListenerSet attached to one (GEP-1713). A route attaches only
/// to the listeners of the object it names: a Gateway's own listeners, or the ListenerSet's.
/// </summary>
internal interface IRouteParent
{
    /// <summary>Gateway or ListenerSet.</summary>
    string Kind { get; }

    string Namespace { get; }

    string Name { get; }

    /// <summary>The Gateway whose addresses serve the listeners (itself, or the ListenerSet's parent).</summary>
    GatewayEntry Gateway { get; }

    /// <summary>The parent's own listeners, in spec order.</summary>
    IReadOnlyList<ListenerEntry> Listeners { get; }

    /// <summary>Why nothing can attach (the parent is refused or not attached), or null.</summary>
    Problem? Refused { get; }
}
