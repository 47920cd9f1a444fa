using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>TLSRoute checks: v1 (standard) is stricter than v1alpha2 (hostnames required, one rule).</summary>
public static partial class GatewayApiValidation
{
    public static void TlsRoute(TlsRoute route, ValidationContext ctx)
    {
        var spec = route.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        var isV1 = !route.ApiVersion.EndsWith("/v1alpha2", StringComparison.Ordinal);
        ParentRefs(ctx, "spec.parentRefs", spec.ParentRefs);
        if (!isV1 || ctx.Present("spec.hostnames", spec.Hostnames))
        {
            ctx.Items("spec.hostnames", spec.Hostnames, isV1 ? 1 : 0, 1024);
            ForEach(ctx, "spec.hostnames", spec.Hostnames, static (ctx, path, hostname) => ctx.String(path, hostname, 1, 253, GatewayApiPatterns.Hostname), "string");
        }

        if (isV1 && spec.Hostnames is { } hostnames)
        {
            var usable = hostnames.Where(h => h is not null).ToList();
            if (usable.Any(IsIPAddress))
            {
                ctx.Rule("spec.hostnames", "array", "Hostnames cannot contain an IP");
            }

            if (usable.Any(h => !h.Contains('*', StringComparison.Ordinal) && !GatewayApiPatterns.Rfc1123Hostname.IsMatch(h)))
            {
                ctx.Rule("spec.hostnames", "array", "Hostnames must be valid based on RFC-1123");
            }

            if (usable.Any(h => h.Contains('*', StringComparison.Ordinal) && !(h.StartsWith("*.", StringComparison.Ordinal) && GatewayApiPatterns.Rfc1123Hostname.IsMatch(h[2..]))))
            {
                ctx.Rule("spec.hostnames", "array", "Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123");
            }
        }

        if (ctx.Present("spec.rules", spec.Rules))
        {
            ctx.Items("spec.rules", spec.Rules, 1, isV1 ? 1 : 16);
            ForEach(ctx, "spec.rules", spec.Rules, static (ctx, path, rule) =>
            {
                SectionName(ctx, $"{path}.name", rule.Name);
                if (ctx.Present($"{path}.backendRefs", rule.BackendRefs))
                {
                    WeightedBackends(ctx, $"{path}.backendRefs", rule.BackendRefs, 1, static b => b.Weight);
                }
            });
        }
    }
}
