using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>BackendTLSPolicy checks.</summary>
public static partial class GatewayApiValidation
{
    public static void BackendTlsPolicy(BackendTlsPolicy policy, ValidationContext ctx)
    {
        var spec = policy.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        if (ctx.Present("spec.targetRefs", spec.TargetRefs))
        {
            TargetRefs(ctx, "spec.targetRefs", spec.TargetRefs);
        }

        if (ctx.Present("spec.validation", spec.Validation))
        {
            BackendValidation(ctx, "spec.validation", spec.Validation);
        }

        ctx.Map("spec.options", spec.Options, 16, 4096);
    }

    private static void TargetRefs(ValidationContext ctx, string path, List<LocalPolicyTargetReferenceWithSectionName> targets)
    {
        ctx.Items(path, targets, 1, 16);
        ForEach(ctx, path, targets, static (ctx, itemPath, target) =>
        {
            LocalReference(ctx, itemPath, target.Group, target.Kind, target.Name);
            SectionName(ctx, $"{itemPath}.sectionName", target.SectionName);
        });

        // CEL: several references to one target must all name a section, and name distinct ones.
        var usable = targets.Where(t => t is not null).ToList();
        var mixed = false;
        var repeated = false;
        foreach (var t1 in usable)
        {
            var sameTarget = usable.Where(t2 => t1.Group == t2.Group && t1.Kind == t2.Kind && t1.Name == t2.Name).ToList();
            mixed |= sameTarget.Any(t2 => string.IsNullOrEmpty(t1.SectionName) != string.IsNullOrEmpty(t2.SectionName));
            repeated |= sameTarget.Count(t2 => (t1.SectionName ?? string.Empty) == (t2.SectionName ?? string.Empty)) != 1;
        }

        if (mixed)
        {
            ctx.Rule(path, "array", "sectionName must be specified when targetRefs includes 2 or more references to the same target");
        }

        if (repeated)
        {
            ctx.Rule(path, "array", "sectionName must be unique when targetRefs includes 2 or more references to the same target");
        }
    }

    private static void BackendValidation(ValidationContext ctx, string path, BackendTlsPolicyValidation validation)
    {
        ctx.Items($"{path}.caCertificateRefs", validation.CaCertificateRefs, maxItems: 8);
        ForEach(ctx, $"{path}.caCertificateRefs", validation.CaCertificateRefs, static (ctx, itemPath, reference) =>
            LocalReference(ctx, itemPath, reference.Group, reference.Kind, reference.Name));
        ctx.RequiredString($"{path}.hostname", validation.Hostname, 1, 253, GatewayApiPatterns.PreciseHostname);
        ctx.String($"{path}.wellKnownCACertificates", validation.WellKnownCaCertificates, 1, 253, GatewayApiPatterns.WellKnownCaCertificates);
        ctx.Items($"{path}.subjectAltNames", validation.SubjectAltNames, maxItems: 5);
        ForEach(ctx, $"{path}.subjectAltNames", validation.SubjectAltNames, static (ctx, itemPath, name) =>
        {
            if (ctx.Present($"{itemPath}.type", name.Type))
            {
                ctx.Enum($"{itemPath}.type", name.Type, "Hostname", "URI");
            }

            ctx.String($"{itemPath}.hostname", name.Hostname, 1, 253, GatewayApiPatterns.Hostname);
            ctx.String($"{itemPath}.uri", name.Uri, 1, 253, GatewayApiPatterns.AbsoluteUri);
            var hasHostname = !string.IsNullOrEmpty(name.Hostname);
            var hasUri = !string.IsNullOrEmpty(name.Uri);
            if (name.Type == "Hostname" && !hasHostname)
            {
                ctx.Rule(itemPath, "object", "SubjectAltName element must contain Hostname, if Type is set to Hostname");
            }

            if (name.Type != "Hostname" && hasHostname)
            {
                ctx.Rule(itemPath, "object", "SubjectAltName element must not contain Hostname, if Type is not set to Hostname");
            }

            if (name.Type == "URI" && !hasUri)
            {
                ctx.Rule(itemPath, "object", "SubjectAltName element must contain URI, if Type is set to URI");
            }

            if (name.Type != "URI" && hasUri)
            {
                ctx.Rule(itemPath, "object", "SubjectAltName element must not contain URI, if Type is not set to URI");
            }
        });

        var hasCaRefs = validation.CaCertificateRefs is { Count: > 0 };
        var hasWellKnown = !string.IsNullOrEmpty(validation.WellKnownCaCertificates);
        if (hasCaRefs && hasWellKnown)
        {
            ctx.Rule(path, "object", "must not contain both CACertificateRefs and WellKnownCACertificates");
        }

        if (!hasCaRefs && !hasWellKnown)
        {
            ctx.Rule(path, "object", "must specify either CACertificateRefs or WellKnownCACertificates");
        }
    }
}
