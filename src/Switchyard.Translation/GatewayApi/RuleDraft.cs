using Switchyard.Ir;

namespace Switchyard.Translation.GatewayApi;

/// <summary>A valid HTTPRoute rule, translated once and placed on every listener the route attaches to.</summary>
internal sealed record RuleDraft(int Index, string? Name, IReadOnlyList<RouteMatch> Matches, RouteAction Action);
