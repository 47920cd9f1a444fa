using k8s;
using k8s.Models;

namespace Switchyard.Probing;

/// <summary>
/// Puts probed readiness into a Pod the way the kubelet reports it: the Ready and ContainersReady conditions. The
/// stored Pod is never changed; a copy is returned when the condition differs.
/// </summary>
public static class PodReadinessOverlay
{
    /// <summary>The Pod with its Ready condition set to <paramref name="ready"/>; the same instance when null or already so.</summary>
    public static V1Pod Apply(V1Pod pod, bool? ready, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (ready is not { } value)
        {
            return pod;
        }

        var status = value ? "True" : "False";
        if (string.Equals(Find(pod, "Ready")?.Status, status, StringComparison.Ordinal)
            && string.Equals(Find(pod, "ContainersReady")?.Status ?? status, status, StringComparison.Ordinal))
        {
            return pod;
        }

        var copy = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pod));
        copy.Status ??= new V1PodStatus();
        copy.Status.Conditions ??= [];
        Set(copy.Status.Conditions, "ContainersReady", status, value, now);
        Set(copy.Status.Conditions, "Ready", status, value, now);
        return copy;
    }

    private static V1PodCondition? Find(V1Pod pod, string type) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c is not null && string.Equals(c.Type, type, StringComparison.Ordinal));

    private static void Set(IList<V1PodCondition> conditions, string type, string status, bool ready, DateTime now)
    {
        var condition = conditions.FirstOrDefault(c => c is not null && string.Equals(c.Type, type, StringComparison.Ordinal));
        if (condition is null)
        {
            condition = new V1PodCondition { Type = type };
            conditions.Add(condition);
        }

        if (!string.Equals(condition.Status, status, StringComparison.Ordinal))
        {
            condition.Status = status;
            condition.LastTransitionTime = now;
        }

        condition.Reason = ready ? null : "ContainersNotReady";
        condition.Message = ready ? null : "readiness probe failed";
    }
}
