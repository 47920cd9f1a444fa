using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The rules of one HTTPRoute, independent of its parents: the valid ones, the dropped ones with why, and the
/// references that did not resolve (which do not drop a rule; their share of requests gets a 500).
/// </summary>
internal sealed class HttpRouteRuleSet
{
    public List<RuleDraft> Valid { get; } = [];

    public List<(int Index, Problem Problem)> Dropped { get; } = [];

    public List<Problem> RefProblems { get; } = [];
}
