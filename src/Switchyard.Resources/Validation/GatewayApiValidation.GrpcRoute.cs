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

        RouteSpec(ctx, spec.ParentRefs, spec.Hostnames, spec.Rules, 0, static r => r.Matches?.Count ?? 0, GrpcRule);
    }

    private static void GrpcRule(ValidationContext ctx, string path, GrpcRouteRule rule)
    {
        RouteRule(ctx, path, rule.Name, rule.Matches, GrpcMatch, rule.Filters, GrpcFilters, rule.BackendRefs, static b => b.Weight, static b => b.Filters);
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

        NameValueMatches(ctx, $"{path}.headers", match.Headers, 4096, static h => (h.Name, h.Type, h.Value));
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

        FilterTypesNotRepeated(ctx, path, filters.Select(f => f?.Type), ["RequestHeaderModifier", "ResponseHeaderModifier"]);
    }
}
