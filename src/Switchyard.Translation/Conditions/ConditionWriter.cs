using k8s.Models;

namespace Switchyard.Translation.Conditions;

/// <summary>
/// Collects the conditions of one status object (or one listener / parent entry). Each condition carries the object's
/// generation, and keeps its previous lastTransitionTime when the same type, status and reason were already reported.
/// </summary>
internal sealed class ConditionWriter
{
    private readonly long _generation;
    private readonly IReadOnlyList<V1Condition>? _previous;
    private readonly DateTime _now;

    public ConditionWriter(long generation, IReadOnlyList<V1Condition>? previous, DateTime now)
    {
        _generation = generation;
        _previous = previous;
        _now = now;
    }

    public List<V1Condition> Conditions { get; } = [];

    public ConditionWriter Set(string type, bool status, string reason, string message)
    {
        var statusText = status ? "True" : "False";
        Conditions.Add(new V1Condition
        {
            Type = type,
            Status = statusText,
            Reason = reason,
            Message = message,
            ObservedGeneration = _generation,
            LastTransitionTime = TransitionTime(_previous, type, statusText, reason, _now),
        });
        return this;
    }

    /// <summary>The time to report: the previous one when nothing that matters changed, otherwise now.</summary>
    public static DateTime TransitionTime(IReadOnlyList<V1Condition>? previous, string type, string status, string reason, DateTime now)
    {
        foreach (var condition in previous ?? [])
        {
            if (condition is not null
                && string.Equals(condition.Type, type, StringComparison.Ordinal)
                && string.Equals(condition.Status, status, StringComparison.Ordinal)
                && string.Equals(condition.Reason, reason, StringComparison.Ordinal))
            {
                return condition.LastTransitionTime;
            }
        }

        return now;
    }
}
