using k8s.Models;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>
/// SY3xx: Ingress and IngressClass. Rules here read only the store; once Ingress translation lands, findings that
/// depend on it (path conflicts between Ingresses, unsupported annotations) derive from its computed status and
/// warnings in <see cref="FromTranslation"/>, the extension point, with ids SY303 onwards.
/// </summary>
internal sealed class IngressRules : ICheckRules
{
    private const string DefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    public void Evaluate(CheckContext context, List<Finding> findings)
    {
        var defaults = context.Store.OfType<V1IngressClass>()
            .Where(c => c.Metadata.Annotations is { } a && a.TryGetValue(DefaultClassAnnotation, out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (defaults.Count > 1)
        {
            foreach (var extra in defaults)
            {
                findings.Add(context.Create(RuleCatalog.MultipleDefaultIngressClasses, extra, "metadata.annotations." + DefaultClassAnnotation,
                    $"{defaults.Count} IngressClasses are marked default ({string.Join(", ", defaults.Select(d => d.Metadata.Name))}): new Ingresses without a class are refused",
                    "keep the default annotation on exactly one IngressClass"));
            }
        }

        foreach (var ingress in context.Store.OfType<V1Ingress>())
        {
            if (string.IsNullOrEmpty(ingress.Spec?.IngressClassName)
                && !(ingress.Metadata.Annotations?.ContainsKey("kubernetes.io/ingress.class") ?? false)
                && defaults.Count == 0)
            {
                findings.Add(context.Create(RuleCatalog.IngressWithoutClass, ingress, "spec.ingressClassName",
                    "no ingressClassName and no default IngressClass: no controller serves this Ingress",
                    "set spec.ingressClassName, or mark one IngressClass with " + DefaultClassAnnotation + ": \"true\""));
            }
        }

        FromTranslation(context, findings);
    }

    /// <summary>Extension point: Ingress findings derived from the Ingress translator's status (none yet).</summary>
    private static void FromTranslation(CheckContext context, List<Finding> findings)
    {
        _ = context;
        _ = findings;
    }
}
