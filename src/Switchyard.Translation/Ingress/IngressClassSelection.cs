using k8s.Models;
using Switchyard.Resources.Admission;
using Switchyard.Resources.Model;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// Which Ingresses are ours: those naming (in <c>spec.ingressClassName</c> or the legacy
/// <c>kubernetes.io/ingress.class</c> annotation) an IngressClass whose controller is ours, and those naming no class
/// while one of our IngressClasses is the default. Admission normally fills in the default class already; an Ingress
/// created before the default existed still has none.
/// </summary>
internal sealed class IngressClassSelection
{
    private readonly HashSet<string> _ours;
    private readonly string? _default;
    private readonly string _controller;

    private IngressClassSelection(HashSet<string> ours, string? defaultClass, string controller)
    {
        _ours = ours;
        _default = defaultClass;
        _controller = controller;
    }

    public static IngressClassSelection From(TranslationContext ctx)
    {
        var ours = new HashSet<string>(StringComparer.Ordinal);
        V1IngressClass? defaultClass = null;
        foreach (var ingressClass in ctx.Store.OfType<V1IngressClass>())
        {
            if (!string.Equals(ingressClass.Spec?.Controller, ctx.Options.IngressControllerName, StringComparison.Ordinal))
            {
                continue;
            }

            ours.Add(ingressClass.Metadata.Name);
            if (ObjectAdmission.IsDefaultClass(ingressClass) && (defaultClass is null || IsNewer(ingressClass, defaultClass)))
            {
                defaultClass = ingressClass;
            }
        }

        return new IngressClassSelection(ours, defaultClass?.Metadata.Name, ctx.Options.IngressControllerName);
    }

    /// <summary>The field that names the class of <paramref name="ingress"/>, for warnings.</summary>
    public static string ClassField(V1Ingress ingress) =>
        ingress.Spec?.IngressClassName is null && ingress.Metadata.Annotation(ObjectAdmission.LegacyIngressClassAnnotation) is not null
            ? $"metadata.annotations[{ObjectAdmission.LegacyIngressClassAnnotation}]"
            : "spec.ingressClassName";

    /// <summary>True when <paramref name="ingress"/> is ours; otherwise <paramref name="reason"/> says why not.</summary>
    public bool Owns(V1Ingress ingress, out string reason)
    {
        var className = ingress.Spec?.IngressClassName ?? ingress.Metadata.Annotation(ObjectAdmission.LegacyIngressClassAnnotation);
        if (className is null)
        {
            reason = "no ingress class and none of Switchyard's IngressClasses is the default; ignored";
            return _default is not null;
        }

        reason = $"IngressClass {className} is not one of Switchyard's (controller {_controller}); ignored";
        return _ours.Contains(className);
    }

    // The newest default wins, as in API server admission; ties go to the lower name.
    private static bool IsNewer(V1IngressClass candidate, V1IngressClass current)
    {
        var c = (candidate.Metadata.CreationTimestamp ?? DateTime.MinValue).CompareTo(current.Metadata.CreationTimestamp ?? DateTime.MinValue);
        return c != 0 ? c > 0 : string.CompareOrdinal(candidate.Metadata.Name, current.Metadata.Name) < 0;
    }
}
