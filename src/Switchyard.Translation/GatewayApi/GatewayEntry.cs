using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Scratch state for one of our Gateways during a translation run.</summary>
internal sealed class GatewayEntry : IRouteParent
{
    public required Gateway Gateway { get; init; }

    public required ResourceKey Key { get; init; }

    public required long Generation { get; init; }

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    public DateTime Created => Gateway.Metadata.CreationTimestamp ?? DateTime.MinValue;

    public string Kind => Gateway.KindName;

    GatewayEntry IRouteParent.Gateway => this;

    /// <summary>The Gateway's own spec.listeners (not those of attached ListenerSets).</summary>
    public List<ListenerEntry> Listeners { get; } = [];

    IReadOnlyList<ListenerEntry> IRouteParent.Listeners => Listeners;

    public Problem? Refused => NotAccepted;

    /// <summary>The ListenerSets this Gateway takes, in listener precedence order (oldest first, then namespace/name).</summary>
    public List<ListenerSetEntry> ListenerSets { get; } = [];

    /// <summary>Whether some ListenerSet names this Gateway, so status reports attachedListenerSets even when it is 0.</summary>
    public bool NamedByListenerSets { get; set; }

    /// <summary>
    /// The merged listener list the data plane serves: the Gateway's own listeners, then those of each attached
    /// ListenerSet in precedence order.
    /// </summary>
    public IEnumerable<ListenerEntry> AllListeners => Listeners.Concat(ListenerSets.SelectMany(s => s.Listeners));

    /// <summary>IP literals the Gateway's listeners bind to.</summary>
    public List<string> Addresses { get; } = [];

    /// <summary>Set when the Gateway as a whole is refused (Accepted=False).</summary>
    public Problem? NotAccepted { get; set; }

    /// <summary>Set when some requested address cannot be used (Programmed=False, AddressNotUsable).</summary>
    public string? UnusableAddresses { get; set; }

    /// <summary>The client certificate presented to backends spoken to over TLS (spec.tls.backend), when it resolved.</summary>
    public Ir.TlsCertificate? BackendClientCertificate { get; set; }

    /// <summary>Why spec.tls.backend.clientCertificateRef did not resolve (ResolvedRefs=False on the Gateway).</summary>
    public Problem? BackendClientCertificateProblem { get; set; }

    public bool Accepted => NotAccepted is null;
}
