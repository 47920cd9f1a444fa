namespace Switchyard.Gateway.Routing;

/// <summary>
/// One condition of a rule that a request failed: what the rule wants (<paramref name="Expected"/>, e.g.
/// <c>Prefix /api</c>) and what the request has (<paramref name="Actual"/>, null when absent).
/// </summary>
internal sealed record RuleCondition(RuleConditionKind Kind, string Name, string Expected, string? Actual);
