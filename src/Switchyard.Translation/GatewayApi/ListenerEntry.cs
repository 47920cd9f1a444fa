using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;
using GatewayListener = Switchyard.Resources.Model.GatewayApi.Listener;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Scratch state for one Gateway listener: what was decided about it, and the routes that attached.</summary>
internal sealed class ListenerEntry
{
    public required GatewayEntry Gateway { get; init; }

    /// <summary>The ListenerSet the listener comes from; null for the Gateway's own listeners.</summary>
    public ListenerSetEntry? ListenerSet { get; init; }

    /// <summary>The object whose spec holds the listener (Gateway or ListenerSet): its status reports it.</summary>
    public ResourceKey OwnerKey => ListenerSet?.Key ?? Gateway.Key;

    /// <summary>
    /// Namespace of the object holding the listener: allowedRoutes "Same" and certificateRefs are relative to it, and
    /// ReferenceGrants are checked from it.
    /// </summary>
    public string OwnerNamespace => OwnerKey.Namespace;

    public required GatewayListener Spec { get; init; }

    public required string Name { get; init; }

    /// <summary>
    /// The IR virtual host id: <c>ns/gateway/listener</c>, or <c>ns/gateway/setNamespace/setName/listener</c> for a
    /// ListenerSet's listener (listener names repeat across a Gateway and its ListenerSets).
    /// </summary>
    public string Id => ListenerSet is { } set
        ? Gateway.Namespace + "/" + Gateway.Name + "/" + set.Namespace + "/" + set.Name + "/" + Name
        : Gateway.Namespace + "/" + Gateway.Name + "/" + Name;

    public int Port { get; init; }

    /// <summary>Null when the protocol is not one Switchyard serves.</summary>
    public ListenerProtocol? Protocol { get; init; }

    public string? Hostname { get; init; }

    /// <summary>Set when the listener itself is refused (unsupported protocol, port, TLS mode).</summary>
    public Problem? NotAccepted { get; set; }

    /// <summary>Set when the listener is not distinct from another on the same port (HostnameConflict, ProtocolConflict).</summary>
    public Problem? Conflict { get; set; }

    /// <summary>Unresolved references (certificates, route kinds), first one decides the reason.</summary>
    public List<Problem> RefProblems { get; } = [];

    public List<RouteGroupKind> SupportedKinds { get; } = [];

    /// <summary>Whether routes of this kind (group gateway.networking.k8s.io) may attach: it is among <see cref="SupportedKinds"/>.</summary>
    public bool Allows(string kind) =>
        SupportedKinds.Exists(k => string.Equals(k.Kind, kind, StringComparison.Ordinal) && string.Equals(k.Group, GatewayApiGroup.Name, StringComparison.Ordinal));

    /// <summary>Protocol TLS with tls.mode Passthrough: served without a certificate.</summary>
    public bool IsPassthrough => Protocol == ListenerProtocol.Tls && string.Equals(Spec.Tls?.Mode, "Passthrough", StringComparison.Ordinal);

    public List<TlsCertificate> Certificates { get; } = [];

    /// <summary>Another HTTPS listener on the same socket matches some of the same hostnames.</summary>
    public List<string> OverlappingWith { get; } = [];

    /// <summary>Routes attached (Accepted=True) through this listener, for attachedRoutes.</summary>
    public HashSet<ResourceKey> AttachedRoutes { get; } = [];

    public List<RouteCandidate> Candidates { get; } = [];

    /// <summary>TLSRoute hostnames served through this listener (protocol TLS only).</summary>
    public List<TlsRouteCandidate> TlsRoutes { get; } = [];

    public bool Accepted => NotAccepted is null && Conflict is null;

    /// <summary>Whether this listener goes into the IR: accepted, bound somewhere, and (when it terminates TLS) with a usable certificate.</summary>
    public bool Programmed =>
        Gateway.Accepted && Accepted && Gateway.Addresses.Count > 0 && (Protocol == ListenerProtocol.Http || IsPassthrough || Certificates.Count > 0);
}
