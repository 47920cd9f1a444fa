using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// One match of one route rule, with the action to take. Rules are stored in precedence order, so
/// a data plane takes the first whose hostnames and match both apply.
/// </summary>
public sealed record RouteRule
{
    /// <summary><c>httproute/&lt;ns&gt;/&lt;name&gt;/rule/&lt;i&gt;/match/&lt;j&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The route object, <c>ns/name</c>, for metric and log labels.</summary>
    public required string Route { get; init; }

    /// <summary>Index of the rule within the route (-1 for what no rule states, e.g. an Ingress default backend).</summary>
    public int RuleIndex { get; init; }

    /// <summary>The rule's name (rules[].name) when set.</summary>
    public string? RuleName { get; init; }

    /// <summary>Hostnames this rule applies to (intersection of route and listener); empty means any.</summary>
    public ImmutableArray<string> Hostnames { get; init; } = [];

    public required RouteMatch Match { get; init; }

    public required RouteAction Action { get; init; }
}
