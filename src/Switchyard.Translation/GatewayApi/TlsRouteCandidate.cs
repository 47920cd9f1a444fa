using System.Collections.Immutable;
using Switchyard.Ir.TlsRouting;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.GatewayApi;

/// <summary>One hostname a TLSRoute serves on one listener (null = any), with what precedence needs to order it.</summary>
internal sealed record TlsRouteCandidate
{
    /// <summary><c>tlsroute/ns/name</c>.</summary>
    public required string Id { get; init; }

    public required ResourceKey Key { get; init; }

    /// <summary>The route, <c>ns/name</c>; also the alphabetical tie-breaker.</summary>
    public string Route => Key.Namespace + "/" + Key.Name;

    public required DateTime RouteCreated { get; init; }

    public string? Hostname { get; init; }

    public required ImmutableArray<SniBackend> Backends { get; init; }
}
