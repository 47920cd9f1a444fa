using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>GRPCRoute checks.</summary>
public static partial class GatewayApiValidation
{
    private static readonly string[] GrpcFilterFields = ["requestHeaderModifier", "responseHeaderModifier", "requestMirror", "extensionRef"];

    private static readonly string[] GrpcFilterTypes = ["RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "ExtensionRef"];

    public static void GrpcRoute(GrpcRoute route, ValidationContext ctx)
    {
        var spec = route.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        ParentRefs(ctx, "spec.parentRefs", spec.ParentRefs);
        Hostnames(ctx, "spec.hostnames", spec.Hostnames, 16);
        ctx.Items("spec.rules", spec.Rules, maxItems: 16);
        ForEach(ctx, "spec.rules", spec.Rules, static (ctx, path, rule) => GrpcRule(ctx, path, rule));
        if (spec.Rules is not null && spec.Rules.Sum(r => r?.Matches?.Count ?? 0) > 128)
        {
            ctx.Rule("spec.rules", "array", "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128");
        }
    }

    private static void GrpcRule(ValidationContext ctx, string path, GrpcRouteRule rule)
    {
        SectionName(ctx, $"{path}.name", rule.Name);
        ctx.Items($"{path}.matches", rule.Matches, maxItems: 64);
        ForEach(ctx, $"{path}.matches", rule.Matches, static (ctx, matchPath, match) => GrpcMatch(ctx, matchPath, match));
        GrpcFilters(ctx, $"{path}.filters", rule.Filters);
        ctx.Items($"{path}.backendRefs", rule.BackendRefs, maxItems: 16);
        ForEach(ctx, $"{path}.backendRefs", rule.BackendRefs, static (ctx, backendPath, backend) =>
        {
            BackendReference(ctx, backendPath, backend);
            Weight(ctx, $"{backendPath}.weight", backend.Weight);
            GrpcFilters(ctx, $"{backendPath}.filters", backend.Filters);
        });
        if (rule.SessionPersistence is { } persistence)
        {
            SessionPersistence(ctx, $"{path}.sessionPersistence", persistence);
        }
    }

    private static void GrpcMatch(ValidationContext ctx, string path, GrpcRouteMatch match)
    {
        if (match.Method is { } method)
        {
            var methodPath = $"{path}.method";
            ctx.Enum($"{methodPath}.type", method.Type, "Exact", "RegularExpression");
            ctx.String($"{methodPath}.service", method.Service, maxLength: 1024);
            ctx.String($"{methodPath}.method", method.Method, maxLength: 1024);
            if (method.Type is not null && method.Service is null && method.Method is null)
            {
                ctx.Rule(methodPath, "object", "One or both of 'service' or 'method' must be specified");
            }

            var exact = method.Type is null or "Exact";
            if (exact && method.Service is not null && !GatewayApiPatterns.GrpcService.IsMatch(method.Service))
            {
                ctx.Rule(methodPath, "object", $"service must only contain valid characters (matching {GatewayApiPatterns.GrpcService.Text})");
            }

            if (exact && method.Method is not null && !GatewayApiPatterns.GrpcMethod.IsMatch(method.Method))
            {
                ctx.Rule(methodPath, "object", $"method must only contain valid characters (matching {GatewayApiPatterns.GrpcMethod.Text})");
            }

            if (method.Type == "RegularExpression")
            {
                RegularExpression(ctx, $"{methodPath}.service", method.Service);
                RegularExpression(ctx, $"{methodPath}.method", method.Method);
            }
        }

        ctx.Items($"{path}.headers", match.Headers, maxItems: 16);
        ForEach(ctx, $"{path}.headers", match.Headers, static (ctx, headerPath, header) =>
        {
            ctx.RequiredString($"{headerPath}.name", header.Name, 1, 256, GatewayApiPatterns.HeaderName);
            ctx.Enum($"{headerPath}.type", header.Type, "Exact", "RegularExpression");
            ctx.RequiredString($"{headerPath}.value", header.Value, 1, 4096);
            if (header.Type == "RegularExpression")
            {
                RegularExpression(ctx, $"{headerPath}.value", header.Value);
            }
        });
        UniqueKeys(ctx, $"{path}.headers", match.Headers, "name", static h => h.Name);
    }

    private static void GrpcFilters(ValidationContext ctx, string path, List<GrpcRouteFilter>? filters)
    {
        ctx.Items(path, filters, maxItems: 16);
        ForEach(ctx, path, filters, static (ctx, filterPath, filter) =>
        {
            if (ctx.Present($"{filterPath}.type", filter.Type))
            {
                ctx.Enum($"{filterPath}.type", filter.Type, "ResponseHeaderModifier", "RequestHeaderModifier", "RequestMirror", "ExtensionRef");
            }

            if (filter.RequestHeaderModifier is { } requestHeaders)
            {
                HeaderFilter(ctx, $"{filterPath}.requestHeaderModifier", requestHeaders);
            }

            if (filter.ResponseHeaderModifier is { } responseHeaders)
            {
                HeaderFilter(ctx, $"{filterPath}.responseHeaderModifier", responseHeaders);
            }

            if (filter.RequestMirror is { } mirror)
            {
                RequestMirror(ctx, $"{filterPath}.requestMirror", mirror);
            }

            if (filter.ExtensionRef is { } extension)
            {
                LocalReference(ctx, $"{filterPath}.extensionRef", extension.Group, extension.Kind, extension.Name);
            }

            ReadOnlySpan<bool> present =
            [
                filter.RequestHeaderModifier is not null, filter.ResponseHeaderModifier is not null, filter.RequestMirror is not null, filter.ExtensionRef is not null,
            ];
            FilterFieldRules(ctx, filterPath, filter.Type, GrpcFilterTypes, GrpcFilterFields, present);
        });
        if (filters is null)
        {
            return;
        }

        foreach (var once in (ReadOnlySpan<string>)["RequestHeaderModifier", "ResponseHeaderModifier"])
        {
            if (filters.Count(f => f?.Type == once) > 1)
            {
                ctx.Rule(path, "array", $"{once} filter cannot be repeated");
            }
        }
    }
}
