using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>HTTPRoute checks.</summary>
public static partial class GatewayApiValidation
{
    private const string TypeOneOfExactPrefix = "when type one of ['Exact', 'PathPrefix']";

    private static readonly string[] HttpFilterFields = ["cors", "requestHeaderModifier", "responseHeaderModifier", "requestMirror", "requestRedirect", "urlRewrite", "extensionRef"];

    private static readonly string[] HttpFilterTypes = ["CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef"];

    public static void HttpRoute(HttpRoute route, ValidationContext ctx)
    {
        var spec = route.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        RouteSpec(ctx, spec.ParentRefs, spec.Hostnames, spec.Rules, 1, static r => r.Matches?.Count ?? 0, HttpRule);
    }

    private static void HttpRule(ValidationContext ctx, string path, HttpRouteRule rule)
    {
        RouteRule(ctx, path, rule.Name, rule.Matches, HttpMatch, rule.Filters, HttpFilters, rule.BackendRefs, static b => b.Weight, static b => b.Filters);
        if (rule.Timeouts is { } timeouts)
        {
            Timeouts(ctx, $"{path}.timeouts", timeouts);
        }

        if (rule.Retry is { } retry)
        {
            // Retry is experimental-channel; its schema: codes 400-599 (a set), attempts >= 1, backoff a duration.
            var seenCodes = new HashSet<int>();
            for (var i = 0; i < (retry.Codes?.Count ?? 0); i++)
            {
                var code = retry.Codes![i];
                ctx.Range($"{path}.retry.codes[{i}]", code, 400, 599);
                if (!seenCodes.Add(code))
                {
                    ctx.Error($"{path}.retry.codes[{i}]", $"Duplicate value: {code.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                }
            }

            ctx.Range($"{path}.retry.attempts", retry.Attempts, minimum: 1);
            ctx.String($"{path}.retry.backoff", retry.Backoff, pattern: GatewayApiPatterns.Duration);
        }

        if (rule.SessionPersistence is { } persistence)
        {
            SessionPersistence(ctx, $"{path}.sessionPersistence", persistence);
        }

        // CEL rules on the rule object, in the CRD's order.
        var filters = rule.Filters?.Where(f => f is not null).ToList() ?? [];
        var backends = rule.BackendRefs?.Where(b => b is not null).ToList() ?? [];
        if (backends.Count > 0 && filters.Any(f => f.RequestRedirect is not null))
        {
            ctx.Rule(path, "object", "RequestRedirect filter must not be used together with backendRefs");
        }

        // The CRD's rules use exists_one, so they fire when exactly one filter (or backend) replaces a prefix.
        var singlePrefixMatch = rule.Matches is { Count: 1 } && rule.Matches[0]?.Path?.Type is "PathPrefix";
        if (!singlePrefixMatch)
        {
            if (filters.Count(f => ReplacesPrefix(f.RequestRedirect?.Path)) == 1)
            {
                ctx.Rule(path, "object", "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
            }

            if (filters.Count(f => ReplacesPrefix(f.UrlRewrite?.Path)) == 1)
            {
                ctx.Rule(path, "object", "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
            }

            if (backends.Count(b => b.Filters?.Count(f => ReplacesPrefix(f?.RequestRedirect?.Path)) == 1) == 1)
            {
                ctx.Rule(path, "object", "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
            }

            if (backends.Count(b => b.Filters?.Count(f => ReplacesPrefix(f?.UrlRewrite?.Path)) == 1) == 1)
            {
                ctx.Rule(path, "object", "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
            }
        }
    }

    private static bool ReplacesPrefix(HttpPathModifier? modifier) =>
        modifier is { Type: "ReplacePrefixMatch", ReplacePrefixMatch: not null };

    private static void HttpMatch(ValidationContext ctx, string path, HttpRouteMatch match)
    {
        if (match.Path is { } pathMatch)
        {
            HttpPathMatch(ctx, $"{path}.path", pathMatch);
        }

        NameValueMatches(ctx, $"{path}.headers", match.Headers, 4096, static h => (h.Name, h.Type, h.Value));
        NameValueMatches(ctx, $"{path}.queryParams", match.QueryParams, 1024, static q => (q.Name, q.Type, q.Value));
        ctx.Enum($"{path}.method", match.Method, HttpMethods);
    }

    private static void HttpPathMatch(ValidationContext ctx, string path, HttpPathMatch match)
    {
        ctx.Enum($"{path}.type", match.Type, "Exact", "PathPrefix", "RegularExpression");
        ctx.String($"{path}.value", match.Value, maxLength: 1024);

        // Absent type and value are defaulted before validation; treat them as their defaults all the same.
        var type = match.Type ?? "PathPrefix";
        var value = match.Value ?? "/";
        if (type is "Exact" or "PathPrefix")
        {
            if (!value.StartsWith('/'))
            {
                ctx.Rule(path, "object", $"value must be an absolute path and start with '/' {TypeOneOfExactPrefix}");
            }

            foreach (var forbidden in (ReadOnlySpan<string>)["//", "/./", "/../", "%2f", "%2F", "#"])
            {
                if (value.Contains(forbidden, StringComparison.Ordinal))
                {
                    ctx.Rule(path, "object", $"must not contain '{forbidden}' {TypeOneOfExactPrefix}");
                }
            }

            if (value.EndsWith("/..", StringComparison.Ordinal))
            {
                ctx.Rule(path, "object", $"must not end with '/..' {TypeOneOfExactPrefix}");
            }

            if (value.EndsWith("/.", StringComparison.Ordinal))
            {
                ctx.Rule(path, "object", $"must not end with '/.' {TypeOneOfExactPrefix}");
            }
        }
        else if (type != "RegularExpression")
        {
            ctx.Rule(path, "object", "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']");
        }

        if (type is "Exact" or "PathPrefix" && !GatewayApiPatterns.PathCharacters.IsMatch(value))
        {
            ctx.Rule(path, "object", $"must only contain valid characters (matching {GatewayApiPatterns.PathCharacters.Text}) for types ['Exact', 'PathPrefix']");
        }

        if (type == "RegularExpression")
        {
            RegularExpression(ctx, $"{path}.value", value);
        }
    }

    private static void HttpFilters(ValidationContext ctx, string path, List<HttpRouteFilter>? filters)
    {
        ctx.Items(path, filters, maxItems: 16);
        ForEach(ctx, path, filters, static (ctx, filterPath, filter) => HttpFilter(ctx, filterPath, filter));
        if (filters is null)
        {
            return;
        }

        var types = filters.Where(f => f is not null).Select(f => f.Type).ToList();
        if (types.Contains("RequestRedirect", StringComparer.Ordinal) && types.Contains("URLRewrite", StringComparer.Ordinal))
        {
            ctx.Rule(path, "array", "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both");
        }

        FilterTypesNotRepeated(ctx, path, types, ["CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite"]);
    }

    private static void HttpFilter(ValidationContext ctx, string path, HttpRouteFilter filter)
    {
        if (ctx.Present($"{path}.type", filter.Type))
        {
            ctx.Enum($"{path}.type", filter.Type, "RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef", "CORS");
        }

        if (filter.Cors is { } cors)
        {
            Cors(ctx, $"{path}.cors", cors);
        }

        if (filter.RequestHeaderModifier is { } requestHeaders)
        {
            HeaderFilter(ctx, $"{path}.requestHeaderModifier", requestHeaders);
        }

        if (filter.ResponseHeaderModifier is { } responseHeaders)
        {
            HeaderFilter(ctx, $"{path}.responseHeaderModifier", responseHeaders);
        }

        if (filter.RequestMirror is { } mirror)
        {
            RequestMirror(ctx, $"{path}.requestMirror", mirror);
        }

        if (filter.RequestRedirect is { } redirect)
        {
            var redirectPath = $"{path}.requestRedirect";
            ctx.Enum($"{redirectPath}.scheme", redirect.Scheme, "http", "https");
            ctx.String($"{redirectPath}.hostname", redirect.Hostname, 1, 253, GatewayApiPatterns.PreciseHostname);
            PathModifier(ctx, $"{redirectPath}.path", redirect.Path);
            ctx.Range($"{redirectPath}.port", redirect.Port, 1, 65535);
            ctx.Enum($"{redirectPath}.statusCode", redirect.StatusCode, 301, 302, 303, 307, 308);
        }

        if (filter.UrlRewrite is { } rewrite)
        {
            ctx.String($"{path}.urlRewrite.hostname", rewrite.Hostname, 1, 253, GatewayApiPatterns.PreciseHostname);
            PathModifier(ctx, $"{path}.urlRewrite.path", rewrite.Path);
        }

        if (filter.ExtensionRef is { } extension)
        {
            LocalReference(ctx, $"{path}.extensionRef", extension.Group, extension.Kind, extension.Name);
        }

        ReadOnlySpan<bool> present =
        [
            filter.Cors is not null, filter.RequestHeaderModifier is not null, filter.ResponseHeaderModifier is not null,
            filter.RequestMirror is not null, filter.RequestRedirect is not null, filter.UrlRewrite is not null, filter.ExtensionRef is not null,
        ];
        FilterFieldRules(ctx, path, filter.Type, HttpFilterTypes, HttpFilterFields, present);
    }

    /// <summary>The CEL rules that tie a filter's type to exactly one field: each field is set iff its type is chosen.</summary>
    private static void FilterFieldRules(ValidationContext ctx, string path, string? type, string[] types, string[] fields, ReadOnlySpan<bool> present)
    {
        for (var i = 0; i < types.Length; i++)
        {
            var chosen = type == types[i];
            if (present[i] && !chosen)
            {
                ctx.Rule(path, "object", $"filter.{fields[i]} must be nil if the filter.type is not {types[i]}");
            }

            if (!present[i] && chosen)
            {
                ctx.Rule(path, "object", $"filter.{fields[i]} must be specified for {types[i]} filter.type");
            }
        }
    }

    private static void PathModifier(ValidationContext ctx, string path, HttpPathModifier? modifier)
    {
        if (modifier is null)
        {
            return;
        }

        if (ctx.Present($"{path}.type", modifier.Type))
        {
            ctx.Enum($"{path}.type", modifier.Type, "ReplaceFullPath", "ReplacePrefixMatch");
        }

        ctx.String($"{path}.replaceFullPath", modifier.ReplaceFullPath, maxLength: 1024);
        ctx.String($"{path}.replacePrefixMatch", modifier.ReplacePrefixMatch, maxLength: 1024);
        if (modifier.Type == "ReplaceFullPath" && modifier.ReplaceFullPath is null)
        {
            ctx.Rule(path, "object", "replaceFullPath must be specified when type is set to 'ReplaceFullPath'");
        }

        if (modifier.ReplaceFullPath is not null && modifier.Type != "ReplaceFullPath")
        {
            ctx.Rule(path, "object", "type must be 'ReplaceFullPath' when replaceFullPath is set");
        }

        if (modifier.Type == "ReplacePrefixMatch" && modifier.ReplacePrefixMatch is null)
        {
            ctx.Rule(path, "object", "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'");
        }

        if (modifier.ReplacePrefixMatch is not null && modifier.Type != "ReplacePrefixMatch")
        {
            ctx.Rule(path, "object", "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
        }
    }

    private static void Cors(ValidationContext ctx, string path, HttpCorsFilter cors)
    {
        CorsList(ctx, $"{path}.allowOrigins", cors.AllowOrigins, 64, static (ctx, itemPath, origin) => ctx.String(itemPath, origin, 1, 253, GatewayApiPatterns.CorsOrigin));
        if (cors.AllowOrigins is { Count: > 1 } origins && origins.Contains("*", StringComparer.Ordinal))
        {
            ctx.Rule($"{path}.allowOrigins", "array", "AllowOrigins cannot contain '*' alongside other origins");
        }

        CorsList(ctx, $"{path}.allowMethods", cors.AllowMethods, 9, static (ctx, itemPath, method) => ctx.Enum(itemPath, method, [.. HttpMethods, "*"]));
        if (cors.AllowMethods is { Count: > 1 } methods && methods.Contains("*", StringComparer.Ordinal))
        {
            ctx.Rule($"{path}.allowMethods", "array", "AllowMethods cannot contain '*' alongside other methods");
        }

        CorsList(ctx, $"{path}.allowHeaders", cors.AllowHeaders, 64, static (ctx, itemPath, header) => ctx.String(itemPath, header, 1, 256, GatewayApiPatterns.HeaderName));
        if (cors.AllowHeaders is { Count: > 1 } headers && headers.Contains("*", StringComparer.Ordinal))
        {
            // The CRD's message says "methods" here too.
            ctx.Rule($"{path}.allowHeaders", "array", "AllowHeaders cannot contain '*' alongside other methods");
        }

        CorsList(ctx, $"{path}.exposeHeaders", cors.ExposeHeaders, 64, static (ctx, itemPath, header) => ctx.String(itemPath, header, 1, 256, GatewayApiPatterns.HeaderName));
        ctx.Range($"{path}.maxAge", cors.MaxAge, minimum: 1);
    }

    private static void CorsList(ValidationContext ctx, string path, List<string>? values, int maxItems, Action<ValidationContext, string, string> check)
    {
        ctx.Items(path, values, maxItems: maxItems);
        ForEach(ctx, path, values, check, "string");
        UniqueValues(ctx, path, values);
    }

    private static void Timeouts(ValidationContext ctx, string path, HttpRouteTimeouts timeouts)
    {
        ctx.String($"{path}.request", timeouts.Request, pattern: GatewayApiPatterns.Duration);
        ctx.String($"{path}.backendRequest", timeouts.BackendRequest, pattern: GatewayApiPatterns.Duration);
        if (GatewayApiDuration.TryParse(timeouts.Request, out var request)
            && GatewayApiDuration.TryParse(timeouts.BackendRequest, out var backendRequest)
            && request != TimeSpan.Zero
            && backendRequest > request)
        {
            ctx.Rule(path, "object", "backendRequest timeout cannot be longer than request timeout");
        }
    }
}
