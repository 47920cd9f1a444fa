using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>
/// Checks the xRoute kinds share (HTTPRoute, GRPCRoute, TLSRoute): parentRefs, hostnames, the rules list, a rule's
/// name, matches and weighted backendRefs. The kinds' model types share no interface, so the kind-specific parts
/// come in as delegates; paths and messages are the ones the CRDs define for every kind.
/// </summary>
public static partial class GatewayApiValidation
{
    /// <summary>The CEL rule on spec.rules of HTTPRoute and GRPCRoute.</summary>
    private const string TotalMatchesMessage = "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128";

    /// <summary>
    /// An L7 route's spec: parentRefs, up to 16 hostnames, <paramref name="minRules"/> to 16 rules each checked by
    /// <paramref name="checkRule"/>, and at most 128 matches across the rules.
    /// </summary>
    private static void RouteSpec<TRule>(
        ValidationContext ctx,
        List<ParentReference>? parentRefs,
        List<string>? hostnames,
        List<TRule>? rules,
        int minRules,
        Func<TRule, int> matchCount,
        Action<ValidationContext, string, TRule> checkRule)
        where TRule : class
    {
        ParentRefs(ctx, "spec.parentRefs", parentRefs);
        Hostnames(ctx, "spec.hostnames", hostnames, 16);
        ctx.Items("spec.rules", rules, minRules, 16);
        ForEach(ctx, "spec.rules", rules, checkRule);
        if (rules is not null && rules.Sum(r => r is null ? 0 : matchCount(r)) > 128)
        {
            ctx.Rule("spec.rules", "array", TotalMatchesMessage);
        }
    }

    /// <summary>
    /// The start of an L7 route rule, in the CRD's field order: name, up to 64 matches, filters, then up to 16
    /// weighted backendRefs with their own filters.
    /// </summary>
    private static void RouteRule<TMatch, TFilter, TBackend>(
        ValidationContext ctx,
        string path,
        string? name,
        List<TMatch>? matches,
        Action<ValidationContext, string, TMatch> checkMatch,
        List<TFilter>? filters,
        Action<ValidationContext, string, List<TFilter>?> checkFilters,
        List<TBackend>? backends,
        Func<TBackend, int?> weight,
        Func<TBackend, List<TFilter>?> backendFilters)
        where TMatch : class
        where TBackend : class, IBackendObjectReference
    {
        SectionName(ctx, $"{path}.name", name);
        ctx.Items($"{path}.matches", matches, maxItems: 64);
        ForEach(ctx, $"{path}.matches", matches, checkMatch);
        checkFilters(ctx, $"{path}.filters", filters);
        WeightedBackends(ctx, $"{path}.backendRefs", backends, 0, weight, (ctx, backendPath, backend) => checkFilters(ctx, $"{backendPath}.filters", backendFilters(backend)));
    }

    /// <summary><paramref name="minItems"/> to 16 backend references with a weight each, then <paramref name="more"/> on each.</summary>
    private static void WeightedBackends<TBackend>(
        ValidationContext ctx,
        string path,
        List<TBackend>? backends,
        int minItems,
        Func<TBackend, int?> weight,
        Action<ValidationContext, string, TBackend>? more = null)
        where TBackend : class, IBackendObjectReference
    {
        ctx.Items(path, backends, minItems, 16);
        ForEach(ctx, path, backends, (ctx, backendPath, backend) =>
        {
            BackendReference(ctx, backendPath, backend);
            Weight(ctx, $"{backendPath}.weight", weight(backend));
            more?.Invoke(ctx, backendPath, backend);
        });
    }

    /// <summary>
    /// A name/type/value match list (HTTP headers and query parameters, gRPC metadata): unique names, type Exact or
    /// RegularExpression, and a regular expression that compiles.
    /// </summary>
    private static void NameValueMatches<T>(
        ValidationContext ctx,
        string path,
        List<T>? matches,
        int maxValueLength,
        Func<T, (string? Name, string? Type, string? Value)> fields)
        where T : class
    {
        ctx.Items(path, matches, maxItems: 16);
        ForEach(ctx, path, matches, (ctx, matchPath, match) =>
        {
            var (name, type, value) = fields(match);
            ctx.RequiredString($"{matchPath}.name", name, 1, 256, GatewayApiPatterns.HeaderName);
            ctx.Enum($"{matchPath}.type", type, "Exact", "RegularExpression");
            ctx.RequiredString($"{matchPath}.value", value, 1, maxValueLength);
            if (type == "RegularExpression")
            {
                RegularExpression(ctx, $"{matchPath}.value", value);
            }
        });
        UniqueKeys(ctx, path, matches, "name", m => fields(m).Name);
    }

    /// <summary>The CEL rules that a filter type may appear at most once in a filter list.</summary>
    private static void FilterTypesNotRepeated(ValidationContext ctx, string path, IEnumerable<string?> types, ReadOnlySpan<string> once)
    {
        var list = types.ToList();
        foreach (var type in once)
        {
            if (list.Count(t => t == type) > 1)
            {
                ctx.Rule(path, "array", $"{type} filter cannot be repeated");
            }
        }
    }
}
