using System.Collections.Immutable;

namespace Switchyard.Ir.TlsRouting;

/// <summary>
/// One Gateway listener of protocol TLS on a socket. A connection is served only by the most specific host whose
/// <see cref="Hostname"/> matches its SNI name (listener isolation), and within it by the most specific route.
/// </summary>
public sealed record SniHost
{
    /// <summary>The Gateway listener, <c>ns/gateway/listener</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Hostname pattern: exact, <c>*.suffix</c>, or null for any SNI name (and none).</summary>
    public string? Hostname { get; init; }

    public required TlsMode Mode { get; init; }

    /// <summary><see cref="TlsMode.Terminate"/> only: the listener's certificates, most specific hostname first.</summary>
    public ImmutableArray<TlsCertificate> Certificates { get; init; } = [];

    /// <summary>Routes ordered most specific hostname first; each hostname appears once (precedence already applied).</summary>
    public ImmutableArray<SniRoute> Routes { get; init; } = [];
}
