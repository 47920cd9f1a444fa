using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The rules of one route (HTTPRoute, GRPCRoute), independent of its parents: the valid ones, the dropped ones with
/// why, and the references that did not resolve (which do not drop a rule; their share of requests gets an error).
/// </summary>
internal sealed class RouteRuleSet
{
    public List<RuleDraft> Valid { get; } = [];

    public List<(int Index, Problem Problem)> Dropped { get; } = [];

    public List<Problem> RefProblems { get; } = [];
}
