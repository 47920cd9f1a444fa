using Switchyard.Ir;

namespace Switchyard.Translation.GatewayApi;

/// <summary>A valid route rule, translated once and placed on every listener the route attaches to.</summary>
/// <param name="GrpcRanks">For a GRPCRoute rule, the precedence of each match (parallel to <paramref name="Matches"/>).</param>
internal sealed record RuleDraft(int Index, string? Name, IReadOnlyList<RouteMatch> Matches, RouteAction Action, IReadOnlyList<GrpcMatchRank>? GrpcRanks = null);
