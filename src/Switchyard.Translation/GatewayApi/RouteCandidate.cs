using Switchyard.Ir;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// One match of one route rule for one served hostname (null = any), with what precedence needs to sort it.
/// A rule with several hostnames becomes several candidates so that hostname precedence is exact per hostname.
/// </summary>
internal sealed record RouteCandidate
{
    public required string Id { get; init; }

    /// <summary>The route, <c>ns/name</c>; also the alphabetical tie-breaker.</summary>
    public required string Route { get; init; }

    public required DateTime RouteCreated { get; init; }

    public required int RuleIndex { get; init; }

    public string? RuleName { get; init; }

    public required int MatchIndex { get; init; }

    public string? Hostname { get; init; }

    public required RouteMatch Match { get; init; }

    public required RouteAction Action { get; init; }

    /// <summary>Set for a GRPCRoute match, which ranks by its own rules (<see cref="RoutePrecedence"/>).</summary>
    public GrpcMatchRank? Grpc { get; init; }
}
