using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Scratch state for one ListenerSet whose parentRef names one of our Gateways.</summary>
internal sealed class ListenerSetEntry : IRouteParent
{
    public required ListenerSet ListenerSet { get; init; }

    public required ResourceKey Key { get; init; }

    public required long Generation { get; init; }

    /// <summary>The Gateway named by spec.parentRef (one of ours).</summary>
    public required GatewayEntry Gateway { get; init; }

    public string Kind => ListenerSet.KindName;

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    public DateTime Created => ListenerSet.Metadata.CreationTimestamp ?? DateTime.MinValue;

    /// <summary>Empty unless attached: listeners are only built for a ListenerSet the Gateway takes.</summary>
    public List<ListenerEntry> Listeners { get; } = [];

    IReadOnlyList<ListenerEntry> IRouteParent.Listeners => Listeners;

    /// <summary>Why the Gateway does not take this ListenerSet (NotAllowed, ParentNotAccepted); null when attached.</summary>
    public Problem? NotAttached { get; set; }

    public Problem? Refused => NotAttached;

    public bool Attached => NotAttached is null;

    /// <summary>Whether its status says Accepted=True (attached, with at least one valid listener); counted in the Gateway's attachedListenerSets.</summary>
    public bool Accepted { get; set; }
}
