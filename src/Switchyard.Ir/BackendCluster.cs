using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>A Service port as a set of endpoints to forward to.</summary>
public sealed record BackendCluster
{
    /// <summary><c>service/&lt;ns&gt;/&lt;name&gt;/port/&lt;port&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The Service, <c>ns/name</c>, for metric and log labels.</summary>
    public required string Service { get; init; }

    public BackendProtocol Protocol { get; init; } = BackendProtocol.Http1;

    /// <summary>Ready endpoints only; empty means the Service has none (503).</summary>
    public ImmutableArray<BackendEndpoint> Endpoints { get; init; } = [];

    /// <summary>
    /// Certificate verification for <see cref="BackendProtocol.Https"/> backends, or null to verify against the system
    /// trust store and the request's Host (which is also the SNI name sent).
    /// </summary>
    public BackendTls? Tls { get; init; }

    /// <summary>Time to open a connection to an endpoint, or null for the data plane's default.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>
    /// Longest pause while exchanging data with an endpoint (between two reads or writes, not the whole response), or
    /// null for the data plane's default.
    /// </summary>
    public TimeSpan? ReadTimeout { get; init; }
}

public enum BackendProtocol
{
    Http1,
    H2C,
    Https,
    WebSocket,
}

public sealed record BackendEndpoint
{
    /// <summary>IP address literal.</summary>
    public required string Address { get; init; }

    public required int Port { get; init; }

    /// <summary>Pod (ns/name) or null when unknown, for logs.</summary>
    public string? TargetRef { get; init; }
}
