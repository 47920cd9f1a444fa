namespace Switchyard.Gateway.Routing;

/// <summary>A rule of the virtual host with the conditions the request failed (none: the rule applies).</summary>
internal sealed record RuleExplanation(CompiledRule Rule, IReadOnlyList<RuleCondition> Failed)
{
    public bool Applies => Failed.Count == 0;
}
