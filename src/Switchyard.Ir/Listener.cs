using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// One socket (address:port) with everything served on it. Listeners of several Gateways (and the Ingress
/// listeners) that share an address:port are merged here; each contributes <see cref="VirtualHost"/>s.
/// </summary>
public sealed record Listener
{
    /// <summary>Deterministic id, e.g. <c>0.0.0.0:8080</c> (the binding).</summary>
    public required string Id { get; init; }

    /// <summary>IP address literal to bind ("0.0.0.0", "::", "127.0.0.1").</summary>
    public required string Address { get; init; }

    public required int Port { get; init; }

    public required ListenerProtocol Protocol { get; init; }

    /// <summary>Certificates for TLS termination, most specific hostname first (SNI selection order).</summary>
    public ImmutableArray<TlsCertificate> Certificates { get; init; } = [];

    /// <summary>
    /// When true, a TLS client whose SNI name (or lack of one) matches no certificate is refused; when false it gets
    /// the catch-all certificate or else the first one. Ingress listeners are strict: no certificate is made up.
    /// </summary>
    public bool StrictSni { get; init; }

    /// <summary>Virtual hosts, one per Gateway listener (or Ingress host), most specific hostname first.</summary>
    public ImmutableArray<VirtualHost> VirtualHosts { get; init; } = [];

    /// <summary>The status objects that own this binding ("ns/gateway/listener"), for errors such as bind failures.</summary>
    public ImmutableArray<string> Owners { get; init; } = [];
}
