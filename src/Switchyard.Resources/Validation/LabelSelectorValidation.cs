using k8s.Models;

namespace Switchyard.Resources.Validation;

/// <summary>Labels and label selectors (apimachinery <c>meta/v1/validation</c>).</summary>
internal static class LabelSelectorValidation
{
    /// <summary>
    /// Every key must be a qualified name and every value a label value. Errors carry the map's path, not the key's,
    /// as the API server's do; keys are visited in ordinal order so the output is deterministic.
    /// </summary>
    public static void ValidateLabels(IDictionary<string, string>? labels, string path, ValidationContext ctx)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var key in labels.Keys.Order(StringComparer.Ordinal))
        {
            ValidateLabelName(key, path, ctx);
            foreach (var msg in NameValidation.IsLabelValue(labels[key] ?? string.Empty))
            {
                ctx.Invalid(path, labels[key], msg);
            }
        }
    }

    /// <summary>A label key (qualified name).</summary>
    public static void ValidateLabelName(string? key, string path, ValidationContext ctx)
    {
        foreach (var msg in NameValidation.IsQualifiedName(key ?? string.Empty))
        {
            ctx.Invalid(path, key, msg);
        }
    }

    /// <summary>A metav1 label selector: matchLabels as labels, matchExpressions with In/NotIn/Exists/DoesNotExist.</summary>
    public static void ValidateLabelSelector(V1LabelSelector? selector, string path, ValidationContext ctx)
    {
        if (selector is null)
        {
            return;
        }

        ValidateLabels(selector.MatchLabels, path + ".matchLabels", ctx);
        if (selector.MatchExpressions is null)
        {
            return;
        }

        for (var i = 0; i < selector.MatchExpressions.Count; i++)
        {
            ValidateRequirement(selector.MatchExpressions[i], $"{path}.matchExpressions[{i}]", ctx);
        }
    }

    private static void ValidateRequirement(V1LabelSelectorRequirement? requirement, string path, ValidationContext ctx)
    {
        var op = requirement?.OperatorProperty;
        var values = requirement?.Values;
        var valueCount = values?.Count ?? 0;
        switch (op)
        {
            case "In" or "NotIn":
                if (valueCount == 0)
                {
                    ctx.Required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                }

                break;
            case "Exists" or "DoesNotExist":
                if (valueCount > 0)
                {
                    ctx.Forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }

                break;
            default:
                ctx.Invalid(path + ".operator", op, "not a valid selector operator");
                break;
        }

        ValidateLabelName(requirement?.Key, path + ".key", ctx);
        for (var i = 0; i < valueCount; i++)
        {
            var value = values![i] ?? string.Empty;
            foreach (var msg in NameValidation.IsLabelValue(value))
            {
                ctx.Invalid($"{path}.values[{i}]", value, msg);
            }
        }
    }
}
