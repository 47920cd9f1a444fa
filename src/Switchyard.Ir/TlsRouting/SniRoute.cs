using System.Collections.Immutable;

namespace Switchyard.Ir.TlsRouting;

/// <summary>The backends for connections whose SNI name matches <see cref="Hostname"/> on one <see cref="SniHost"/>.</summary>
public sealed record SniRoute
{
    /// <summary><c>tlsroute/&lt;ns&gt;/&lt;name&gt;</c>: logs and metric tags. A route serving several hostnames appears once per hostname.</summary>
    public required string Id { get; init; }

    /// <summary>The route, <c>ns/name</c>.</summary>
    public required string Route { get; init; }

    /// <summary>
    /// SNI pattern: exact (<c>a.example.com</c>), <c>*.example.com</c> (one or more labels in front of the suffix), or
    /// null for any name, including a ClientHello without one.
    /// </summary>
    public string? Hostname { get; init; }

    public ImmutableArray<SniBackend> Backends { get; init; } = [];
}
