using k8s.Models;
using Switchyard.Translation;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>
/// SY3xx: Ingress and IngressClass. Class and TLS-host rules read the store; path conflicts, annotations, hosts without
/// a certificate and ingress-nginx quirks come from the Ingress translator's own warnings (by their
/// <see cref="TranslationWarning.Code"/>), never from a second implementation of its merge or annotation rules.
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
            TlsHostsWithoutRule(context, ingress, findings);
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

    /// <summary>Findings the Ingress translator reported as coded warnings, on the object and field it named.</summary>
    private static void FromTranslation(CheckContext context, List<Finding> findings)
    {
        foreach (var warning in context.Translation.Warnings)
        {
            var (rule, fix, severity) = warning.Code switch
            {
                WarningCodes.IngressPathConflict => (RuleCatalog.IngressPathConflict, "serve the path from one Ingress only: remove it here, or change its path or pathType", (Severity?)null),
                WarningCodes.IngressAnnotationUnknown => (RuleCatalog.IngressAnnotationUnknown, "remove the annotation or fix its name (docs/ingress.md lists every annotation)", null),
                WarningCodes.IngressAnnotationUnsupported => (RuleCatalog.IngressAnnotationUnsupported, "remove the annotation, or express the behaviour another way (docs/ingress.md)", null),
                WarningCodes.IngressAnnotationSnippet => (RuleCatalog.IngressAnnotationUnsupported, "remove the snippet; use the supported annotations or a Gateway API filter instead", null),
                WarningCodes.IngressAnnotationFailClosed => (RuleCatalog.IngressAnnotationUnsupported, "put the protection in front of Switchyard or in the backend, then remove the annotation", Severity.Error),
                WarningCodes.IngressHostWithoutCertificate => (RuleCatalog.IngressHostWithoutCertificate, "add the hosts to a spec.tls entry with a kubernetes.io/tls Secret, or set --default-certificate", null),
                WarningCodes.IngressNginxQuirk => (RuleCatalog.IngressNginxQuirk, "write the path the way Switchyard matches it (docs/ingress.md, differences from ingress-nginx)", null),
                _ => (null, string.Empty, null),
            };
            if (rule is not null)
            {
                findings.Add(context.Create(rule, warning.Object, warning.Field, warning.Message, fix, severity));
            }
        }
    }

    /// <summary>SY306: spec.tls hosts that no rule of the same Ingress serves (a wildcard TLS host covers one label).</summary>
    private static void TlsHostsWithoutRule(CheckContext context, V1Ingress ingress, List<Finding> findings)
    {
        var ruleHosts = (ingress.Spec?.Rules ?? []).Where(r => r is not null).Select(r => r.Host ?? string.Empty).ToList();
        var tls = ingress.Spec?.Tls ?? [];
        for (var i = 0; i < tls.Count; i++)
        {
            var hosts = tls[i]?.Hosts ?? [];
            for (var j = 0; j < hosts.Count; j++)
            {
                var host = hosts[j];
                if (string.IsNullOrEmpty(host) || ruleHosts.Any(r => Covers(host, r)))
                {
                    continue;
                }

                var outcome = ingress.Spec?.DefaultBackend is not null
                    ? "requests for it get the Ingress's default backend"
                    : "requests for it match no rule of this Ingress (404 unless another Ingress serves it)";
                findings.Add(context.Create(RuleCatalog.IngressTlsHostWithoutRule, ingress, $"spec.tls[{i}].hosts[{j}]",
                    $"TLS host {host} is not the host of any rule: {outcome}",
                    $"add a rule with host {host}, or remove it from spec.tls (a typo in either is common)"));
            }
        }
    }

    /// <summary>A TLS host covers a rule host when equal (ignoring case), or as a wildcard over exactly one label.</summary>
    private static bool Covers(string tlsHost, string ruleHost)
    {
        if (string.Equals(tlsHost, ruleHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!tlsHost.StartsWith("*.", StringComparison.Ordinal) || ruleHost.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = ruleHost.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(ruleHost[dot..], tlsHost[1..], StringComparison.OrdinalIgnoreCase);
    }
}
