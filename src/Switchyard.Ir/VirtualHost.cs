using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// The routes of one Gateway listener (or Ingress host) on a socket. A request is served only by the rules
/// of the most specific virtual host whose hostname matches its Host (listener isolation).
/// </summary>
public sealed record VirtualHost
{
    /// <summary>The Gateway listener id <c>ns/gateway/listener</c> (or <c>ingress/host</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Hostname pattern: exact, <c>*.suffix</c>, or null for any host.</summary>
    public string? Hostname { get; init; }

    /// <summary>How a wildcard <see cref="Hostname"/> matches (Gateway API: any depth; Ingress: one label).</summary>
    public WildcardMatch Wildcard { get; init; }

    /// <summary>
    /// HTTPS (Gateway API listeners): a request whose Host selects this virtual host on a connection whose TLS SNI name
    /// selected another one of the socket, or none, is answered 421 Misdirected Request (RFC 9110 §15.5.20) instead of
    /// being routed. Left out of the IR dump when false.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool RejectMisdirected { get; init; }

    /// <summary>Route rules in Gateway API precedence order: the first rule that matches wins.</summary>
    public ImmutableArray<RouteRule> Rules { get; init; } = [];
}
