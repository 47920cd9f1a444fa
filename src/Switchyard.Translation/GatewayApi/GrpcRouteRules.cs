using System.Globalization;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Translates the rules of one GRPCRoute into IR rules of the HTTPRoute shape: a method match becomes a path match on
/// <c>/service/method</c>, and every match also requires a gRPC call (POST with a gRPC content type). Backends are
/// spoken to with HTTP/2. A rule with a value Switchyard cannot honour is dropped as a whole; requests that would have
/// gone to a backend that does not resolve are answered 503, which the data plane sends to gRPC clients as
/// UNAVAILABLE (as the GRPCRoute spec requires).
/// </summary>
internal sealed partial class GrpcRouteRules
{
    private static readonly DirectResponse Unavailable = new() { StatusCode = 503 };

    private readonly TranslationContext _ctx;
    private readonly ResourceKey _key;
    private readonly ReferenceGrants _grants;
    private readonly ServiceBackends _backends;
    private readonly RouteRuleSet _result = new();

    private GrpcRouteRules(TranslationContext ctx, ResourceKey key, ReferenceGrants grants, ServiceBackends backends)
    {
        _ctx = ctx;
        _key = key;
        _grants = grants;
        _backends = backends;
    }

    public static RouteRuleSet Build(TranslationContext ctx, GrpcRoute route, ResourceKey key, ReferenceGrants grants, ServiceBackends backends)
    {
        var builder = new GrpcRouteRules(ctx, key, grants, backends);

        // Unlike HTTPRoute, no rules at all means one rule matching every call (and, without backends, UNAVAILABLE).
        var rules = route.Spec.Rules is { Count: > 0 } given ? given : [new GrpcRouteRule()];
        for (var i = 0; i < rules.Count; i++)
        {
            builder.Rule(i, rules[i] ?? new GrpcRouteRule());
        }

        return builder._result;
    }

    private void Rule(int index, GrpcRouteRule rule)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{index}]");
        var invalid = new List<Problem>();
        var (matches, ranks) = Matches(field, rule, invalid);
        var action = Action(field, rule, invalid);
        if (rule.SessionPersistence is not null)
        {
            _ctx.Warn(_key, field + ".sessionPersistence", "sessionPersistence is not supported (experimental channel); ignored");
        }

        if (invalid.Count > 0)
        {
            _result.Dropped.Add((index, new Problem(invalid[0].Reason, string.Join("; ", invalid.Select(p => p.Message)))));
            return;
        }

        _result.Valid.Add(new RuleDraft(index, string.IsNullOrEmpty(rule.Name) ? null : rule.Name, matches, action, ranks));
    }

    private RouteAction Action(string field, GrpcRouteRule rule, List<Problem> invalid)
    {
        var filters = Filters(field, rule.Filters, invalid, backendLevel: false);
        var backends = BackendRefs(field, rule.BackendRefs, invalid);

        // With no backend that can take calls (none listed, all invalid, all weighted 0) or an extension filter that
        // cannot run, every call gets UNAVAILABLE.
        var direct = filters.UnresolvedExtension || !backends.Any(b => b.DirectResponse is null && b.Weight > 0) ? Unavailable : null;
        return new RouteAction
        {
            RequestHeaders = filters.RequestHeaders,
            ResponseHeaders = filters.ResponseHeaders,
            Mirrors = [.. filters.Mirrors],
            DirectResponse = direct,
            Backends = [.. backends],
        };
    }

    /// <summary>
    /// Every backendRef becomes a weighted backend; an invalid one stays with a 503 direct response, so its weighted
    /// share of calls gets UNAVAILABLE and the rest still flow.
    /// </summary>
    private List<WeightedBackend> BackendRefs(string field, List<GrpcBackendRef>? backendRefs, List<Problem> invalid)
    {
        var result = new List<WeightedBackend>();
        var list = backendRefs ?? [];
        for (var k = 0; k < list.Count; k++)
        {
            var backendRef = list[k];
            if (backendRef is null)
            {
                continue;
            }

            var refField = string.Create(CultureInfo.InvariantCulture, $"{field}.backendRefs[{k}]");
            var weight = backendRef.Weight ?? 1;
            if (weight < 0)
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{refField}.weight: {weight} is negative")));
            }

            var filters = Filters(refField, backendRef.Filters, invalid, backendLevel: true);
            var resolved = Backend(refField, backendRef);
            if (resolved.Problem is { } problem)
            {
                _result.RefProblems.Add(problem);
            }

            result.Add(new WeightedBackend
            {
                ClusterId = resolved.ClusterId,
                Weight = Math.Max(weight, 0),
                RequestHeaders = filters.RequestHeaders,
                ResponseHeaders = filters.ResponseHeaders,
                DirectResponse = resolved.Problem is not null || filters.UnresolvedExtension ? Unavailable : null,
            });
        }

        return result;
    }

    // gRPC needs HTTP/2 to the backend: h2c unless the Service port says otherwise.
    private (string ClusterId, Problem? Problem) Backend(string field, IBackendObjectReference reference) =>
        BackendRefResolver.Resolve(_grants, _backends, GrpcRoute.KindName, _key.Namespace, field, reference, http2: true);

    private FilterSet Filters(string field, List<GrpcRouteFilter>? filters, List<Problem> invalid, bool backendLevel)
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
            if (backendLevel && filter.Type is not ("RequestHeaderModifier" or "ResponseHeaderModifier" or "ExtensionRef"))
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{filterField}: filter {filter.Type} is not supported on a backendRef"));
                continue;
            }

            switch (filter.Type)
            {
                case "RequestHeaderModifier":
                    if (set.RequestHeaders is not null)
                    {
                        invalid.Add(new Problem(RouteConditions.IncompatibleFilters, $"{filterField}: filter {filter.Type} may appear only once"));
                    }

                    set.RequestHeaders ??= HttpRouteRules.Headers(filterField + ".requestHeaderModifier", filter.RequestHeaderModifier, invalid);
                    break;
                case "ResponseHeaderModifier":
                    if (set.ResponseHeaders is not null)
                    {
                        invalid.Add(new Problem(RouteConditions.IncompatibleFilters, $"{filterField}: filter {filter.Type} may appear only once"));
                    }

                    set.ResponseHeaders ??= HttpRouteRules.Headers(filterField + ".responseHeaderModifier", filter.ResponseHeaderModifier, invalid);
                    break;
                case "RequestMirror":
                    if (HttpRouteRules.Mirror(filterField + ".requestMirror", filter.RequestMirror, invalid, Backend, _result.RefProblems) is { } mirror)
                    {
                        set.Mirrors.Add(mirror);
                    }

                    break;
                case "ExtensionRef":
                    // An extension filter that cannot run must not be skipped: its calls get an error instead.
                    var extension = filter.ExtensionRef;
                    _result.RefProblems.Add(new Problem(RouteConditions.InvalidKind, $"{filterField}.extensionRef: {extension?.Kind}.{extension?.Group} {extension?.Name} is not a supported filter kind"));
                    set.UnresolvedExtension = true;
                    break;
                default:
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{filterField}: filter type {filter.Type} is not supported"));
                    break;
            }
        }

        return set;
    }

    private sealed class FilterSet
    {
        public HeaderModifier? RequestHeaders { get; set; }

        public HeaderModifier? ResponseHeaders { get; set; }

        public List<Mirror> Mirrors { get; } = [];

        public bool UnresolvedExtension { get; set; }
    }
}
