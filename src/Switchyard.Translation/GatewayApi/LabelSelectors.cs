using k8s.Models;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Kubernetes label selector semantics (matchLabels AND matchExpressions; an empty selector matches everything).</summary>
internal static class LabelSelectors
{
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            if (requirement is null)
            {
                continue;
            }

            string? actual = null;
            var present = requirement.Key is not null && labels is not null && labels.TryGetValue(requirement.Key, out actual);
            var values = requirement.Values ?? [];
            var matched = requirement.OperatorProperty switch
            {
                "In" => present && values.Contains(actual!, StringComparer.Ordinal),
                "NotIn" => !present || !values.Contains(actual!, StringComparer.Ordinal),
                "Exists" => present,
                "DoesNotExist" => !present,
                // An operator the API server would have refused selects nothing rather than everything.
                _ => false,
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }
}
