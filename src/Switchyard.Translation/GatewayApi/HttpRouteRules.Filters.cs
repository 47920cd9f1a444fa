using System.Globalization;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

internal sealed partial class HttpRouteRules
{
    private static readonly HashSet<int> RedirectCodes = [301, 302, 303, 307, 308];

    private FilterSet Filters(string field, List<HttpRouteFilter>? filters, IReadOnlyList<RouteMatch> matches, List<Problem> invalid, bool backendLevel)
    {
        var set = new FilterSet();
        var list = filters ?? [];
        for (var k = 0; k < list.Count; k++)
        {
            var filter = list[k];
            if (filter is null)
            {
                continue;
            }

            var filterField = string.Create(CultureInfo.InvariantCulture, $"{field}.filters[{k}]");
            if (backendLevel && filter.Type is not ("RequestHeaderModifier" or "ResponseHeaderModifier" or "ExtensionRef" or "CORS"))
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{filterField}: filter {filter.Type} is not supported on a backendRef"));
                continue;
            }

            switch (filter.Type)
            {
                case "RequestHeaderModifier":
                    set.RequestHeaders = Once(filterField, set.RequestHeaders, filter.Type, invalid)
                        ?? Headers(filterField + ".requestHeaderModifier", filter.RequestHeaderModifier, invalid);
                    break;
                case "ResponseHeaderModifier":
                    set.ResponseHeaders = Once(filterField, set.ResponseHeaders, filter.Type, invalid)
                        ?? Headers(filterField + ".responseHeaderModifier", filter.ResponseHeaderModifier, invalid);
                    break;
                case "RequestRedirect":
                    set.Redirect = Once(filterField, set.Redirect, filter.Type, invalid)
                        ?? Redirect(filterField + ".requestRedirect", filter.RequestRedirect, matches, invalid);
                    break;
                case "URLRewrite":
                    set.Rewrite = Once(filterField, set.Rewrite, filter.Type, invalid)
                        ?? Rewrite(filterField + ".urlRewrite", filter.UrlRewrite, matches, invalid);
                    break;
                case "RequestMirror":
                    if (Mirror(filterField + ".requestMirror", filter.RequestMirror, invalid, Backend, _result.RefProblems) is { } mirror)
                    {
                        set.Mirrors.Add(mirror);
                    }

                    break;
                case "ExtensionRef":
                    // An extension filter that cannot run must not be skipped: its requests get an error instead.
                    var extension = filter.ExtensionRef;
                    _result.RefProblems.Add(new Problem(RouteConditions.InvalidKind, $"{filterField}.extensionRef: {extension?.Kind}.{extension?.Group} {extension?.Name} is not a supported filter kind"));
                    set.UnresolvedExtension = true;
                    break;
                case "CORS":
                    set.Cors = Once(filterField, set.Cors, filter.Type, invalid) ?? Cors(filterField + ".cors", filter.Cors, invalid);
                    break;
                default:
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{filterField}: filter type {filter.Type} is not supported"));
                    break;
            }
        }

        if (set.Redirect is not null && set.Rewrite is not null)
        {
            invalid.Add(new Problem(RouteConditions.IncompatibleFilters, $"{field}.filters: RequestRedirect and URLRewrite cannot be used together"));
        }

        return set;
    }

    // Only RequestMirror and ExtensionRef may repeat within one filter list.
    private static T? Once<T>(string field, T? existing, string? type, List<Problem> invalid)
        where T : class
    {
        if (existing is not null)
        {
            invalid.Add(new Problem(RouteConditions.IncompatibleFilters, $"{field}: filter {type} may appear only once"));
        }

        return existing;
    }

    internal static HeaderModifier? Headers(string field, HttpHeaderFilter? filter, List<Problem> invalid)
    {
        if (filter is null)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field} is required for this filter type"));
            return null;
        }

        return new HeaderModifier
        {
            Set = [.. Pairs(field + ".set", filter.Set, invalid)],
            Add = [.. Pairs(field + ".add", filter.Add, invalid)],
            Remove = [.. (filter.Remove ?? []).Where(n => !string.IsNullOrEmpty(n))],
        };
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string field, List<HttpHeader>? headers, List<Problem> invalid)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var header in headers ?? [])
        {
            if (header is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(header.Name))
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}: header name is required"));
                continue;
            }

            result.Add(new KeyValuePair<string, string>(header.Name, header.Value ?? string.Empty));
        }

        return result;
    }

    private static Redirect? Redirect(string field, HttpRequestRedirectFilter? filter, IReadOnlyList<RouteMatch> matches, List<Problem> invalid)
    {
        if (filter is null)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field} is required for this filter type"));
            return null;
        }

        if (filter.Scheme is not (null or "http" or "https"))
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.scheme: {filter.Scheme} is not supported; use http or https"));
        }

        if (filter.Port is < 1 or > 65535)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{field}.port: {filter.Port} is not a valid port")));
        }

        var statusCode = filter.StatusCode ?? 302;
        if (!RedirectCodes.Contains(statusCode))
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{field}.statusCode: {statusCode} is not supported; use 301, 302, 303, 307 or 308")));
        }

        return new Redirect
        {
            Scheme = filter.Scheme,
            Hostname = Hostnames.Normalize(filter.Hostname),
            Port = filter.Port,
            Path = PathModifier(field + ".path", filter.Path, matches, invalid),
            StatusCode = statusCode,
        };
    }

    private static CorsPolicy? Cors(string field, HttpCorsFilter? filter, List<Problem> invalid)
    {
        if (filter is null)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field} is required for this filter type"));
            return null;
        }

        if (filter.MaxAge is < 1)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{field}.maxAge: {filter.MaxAge} is not a number of seconds of at least 1")));
        }

        // Origins and methods compare case-sensitively in their lists (the CRD's listType=set), header names not.
        return new CorsPolicy
        {
            Mode = CorsMode.GatewayApi,
            AllowOrigins = [.. Distinct(filter.AllowOrigins, StringComparer.OrdinalIgnoreCase)],
            AllowMethods = [.. Distinct(filter.AllowMethods, StringComparer.Ordinal)],
            AllowHeaders = [.. Distinct(filter.AllowHeaders, StringComparer.OrdinalIgnoreCase)],
            ExposeHeaders = [.. Distinct(filter.ExposeHeaders, StringComparer.OrdinalIgnoreCase)],
            AllowCredentials = filter.AllowCredentials == true,

            // The API server defaults maxAge to 5 s; manifests read without it get the same.
            MaxAge = TimeSpan.FromSeconds(filter.MaxAge ?? 5),
        };
    }

    private static IEnumerable<string> Distinct(List<string>? values, StringComparer comparer) =>
        (values ?? []).Where(v => !string.IsNullOrEmpty(v)).Distinct(comparer);

    private static UrlRewrite? Rewrite(string field, HttpUrlRewriteFilter? filter, IReadOnlyList<RouteMatch> matches, List<Problem> invalid)
    {
        if (filter is null)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field} is required for this filter type"));
            return null;
        }

        return new UrlRewrite
        {
            Hostname = Hostnames.Normalize(filter.Hostname),
            Path = PathModifier(field + ".path", filter.Path, matches, invalid),
        };
    }

    private static PathRewrite? PathModifier(string field, HttpPathModifier? modifier, IReadOnlyList<RouteMatch> matches, List<Problem> invalid)
    {
        if (modifier is null)
        {
            return null;
        }

        switch (modifier.Type)
        {
            case "ReplaceFullPath":
                if (modifier.ReplaceFullPath is null)
                {
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.replaceFullPath is required for type ReplaceFullPath"));
                    return null;
                }

                return new PathRewrite { Type = PathRewriteType.ReplaceFullPath, Value = modifier.ReplaceFullPath };
            case "ReplacePrefixMatch":
                if (modifier.ReplacePrefixMatch is null)
                {
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.replacePrefixMatch is required for type ReplacePrefixMatch"));
                    return null;
                }

                // The replaced prefix is the matched PathPrefix, so every match of the rule must be one.
                if (matches.Any(m => m.Path.Type != PathMatchType.Prefix))
                {
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}: ReplacePrefixMatch needs every match of the rule to be a PathPrefix match"));
                    return null;
                }

                return new PathRewrite { Type = PathRewriteType.ReplacePrefixMatch, Value = modifier.ReplacePrefixMatch };
            default:
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.type: {modifier.Type} is not supported"));
                return null;
        }
    }

    /// <summary>A RequestMirror filter (of any route kind), its target resolved with <paramref name="resolve"/>.</summary>
    internal static Mirror? Mirror(
        string field,
        HttpRequestMirrorFilter? filter,
        List<Problem> invalid,
        Func<string, IBackendObjectReference, (string ClusterId, Problem? Problem)> resolve,
        List<Problem> refProblems)
    {
        if (filter?.BackendRef is not { } backendRef)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.backendRef is required"));
            return null;
        }

        double fraction = 1.0;
        if (filter.Percent is not null && filter.Fraction is not null)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}: only one of percent and fraction may be set"));
        }
        else if (filter.Percent is { } p)
        {
            if (p is < 0 or > 100)
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{field}.percent: {p} is not between 0 and 100")));
            }

            fraction = p / 100.0;
        }
        else if (filter.Fraction is { } f)
        {
            var denominator = f.Denominator ?? 100;
            if (f.Numerator is not { } numerator || numerator < 0 || denominator <= 0 || numerator > denominator)
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{field}.fraction: {f.Numerator}/{denominator} is not a fraction between 0 and 1")));
            }
            else
            {
                fraction = (double)numerator / denominator;
            }
        }

        // A mirror target that does not resolve is left out (not replaced by an error): mirrored responses are ignored anyway.
        var resolved = resolve(field + ".backendRef", backendRef);
        if (resolved.Problem is { } problem)
        {
            refProblems.Add(problem);
            return null;
        }

        return new Mirror { ClusterId = resolved.ClusterId, Fraction = Math.Clamp(fraction, 0.0, 1.0) };
    }

    private sealed class FilterSet
    {
        public HeaderModifier? RequestHeaders { get; set; }

        public HeaderModifier? ResponseHeaders { get; set; }

        public Redirect? Redirect { get; set; }

        public UrlRewrite? Rewrite { get; set; }

        public CorsPolicy? Cors { get; set; }

        public List<Mirror> Mirrors { get; } = [];

        public bool UnresolvedExtension { get; set; }
    }
}
