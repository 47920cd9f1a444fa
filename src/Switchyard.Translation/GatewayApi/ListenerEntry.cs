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

    public required GatewayListener Spec { get; init; }

    public required string Name { get; init; }

    /// <summary><c>ns/gateway/listener</c>, the IR virtual host id.</summary>
    public string Id => Gateway.Namespace + "/" + Gateway.Name + "/" + Name;

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
