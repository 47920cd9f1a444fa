using k8s.Models;

namespace Switchyard.Translation.Conditions;

internal static class ConditionExtensions
{
    public static V1Condition? Find(this IEnumerable<V1Condition>? conditions, string type)
    {
        foreach (var condition in conditions ?? [])
        {
            if (condition is not null && string.Equals(condition.Type, type, StringComparison.Ordinal))
            {
                return condition;
            }
        }

        return null;
    }

    public static bool IsTrue(this IEnumerable<V1Condition>? conditions, string type) =>
        string.Equals(conditions.Find(type)?.Status, "True", StringComparison.Ordinal);
}
