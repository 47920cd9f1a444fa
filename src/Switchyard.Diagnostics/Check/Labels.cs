using k8s.Models;

namespace Switchyard.Diagnostics.Check;

/// <summary>Label and label-selector matching as the API server defines it.</summary>
internal static class Labels
{
    public static bool Matches(IDictionary<string, string> selector, IDictionary<string, string>? labels)
    {
        foreach (var (key, value) in selector)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A null selector matches nothing; an empty one matches everything.</summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return false;
        }

        if (selector.MatchLabels is { } matchLabels && !Matches(matchLabels, labels))
        {
            return false;
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            string? value = null;
            var has = labels is not null && labels.TryGetValue(expression.Key, out value);
            var values = expression.Values ?? [];
            var ok = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(value!, StringComparer.Ordinal),
                "NotIn" => !has || !values.Contains(value!, StringComparer.Ordinal),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static string Format(IDictionary<string, string> selector) =>
        string.Join(',', selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
