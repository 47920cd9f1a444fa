using System.Globalization;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Translates the rules of one HTTPRoute. A rule with a value Switchyard cannot honour is dropped as a whole
/// (reported as PartiallyInvalid, or Accepted=False when no rule is left); a reference that does not resolve keeps
/// the rule but answers 500 for the requests it would have handled.
/// </summary>
internal sealed partial class HttpRouteRules
{
    /// <summary>Retries when <c>retry.attempts</c> is not set.</summary>
    public const int DefaultRetryAttempts = 2;

    /// <summary>The first wait between attempts when <c>retry.backoff</c> is not set.</summary>
    public static readonly TimeSpan DefaultRetryBackoff = TimeSpan.FromMilliseconds(25);

    private static readonly DirectResponse InternalError = new() { StatusCode = 500 };

    private readonly TranslationContext _ctx;
    private readonly HttpRoute _route;
    private readonly ResourceKey _key;
    private readonly ReferenceGrants _grants;
    private readonly ServiceBackends _backends;
    private readonly RouteRuleSet _result = new();

    private HttpRouteRules(TranslationContext ctx, HttpRoute route, ResourceKey key, ReferenceGrants grants, ServiceBackends backends)
    {
        _ctx = ctx;
        _route = route;
        _key = key;
        _grants = grants;
        _backends = backends;
    }

    private string Namespace => _key.Namespace;

    public static RouteRuleSet Build(TranslationContext ctx, HttpRoute route, ResourceKey key, ReferenceGrants grants, ServiceBackends backends)
    {
        var builder = new HttpRouteRules(ctx, route, key, grants, backends);
        // The CRD default is one rule matching every path; an object that skipped defaulting gets the same.
        var rules = route.Spec.Rules is { Count: > 0 } given ? given : [new HttpRouteRule()];
        for (var i = 0; i < rules.Count; i++)
        {
            builder.Rule(i, rules[i] ?? new HttpRouteRule());
        }

        return builder._result;
    }

    private void Rule(int index, HttpRouteRule rule)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{index}]");
        var invalid = new List<Problem>();
        var matches = Matches(field, rule, invalid);
        var action = Action(field, rule, matches, invalid);
        if (rule.SessionPersistence is not null)
        {
            _ctx.Warn(_key, field + ".sessionPersistence", "sessionPersistence is not supported (experimental channel); ignored");
        }

        if (invalid.Count > 0)
        {
            var message = string.Join("; ", invalid.Select(p => p.Message));
            _result.Dropped.Add((index, new Problem(invalid[0].Reason, message)));
            return;
        }

        _result.Valid.Add(new RuleDraft(index, string.IsNullOrEmpty(rule.Name) ? null : rule.Name, matches, action));
    }

    private RouteAction Action(string field, HttpRouteRule rule, IReadOnlyList<RouteMatch> matches, List<Problem> invalid)
    {
        var filters = Filters(field, rule.Filters, matches, invalid, backendLevel: false);
        var backends = BackendRefs(field, rule.BackendRefs, matches, invalid);
        var (requestTimeout, backendTimeout) = Timeouts(field, rule.Timeouts, invalid);
        var retry = Retry(field, rule.Retry, invalid);

        // A redirect answers by itself. Otherwise, with no backend that can take traffic (none listed, all invalid,
        // or all weighted 0) or an extension filter that cannot run, the rule answers 500 as the spec requires.
        DirectResponse? direct = null;
        if (filters.Redirect is null
            && (filters.UnresolvedExtension || !backends.Any(b => b.DirectResponse is null && b.Weight > 0)))
        {
            direct = InternalError;
        }

        return new RouteAction
        {
            RequestHeaders = filters.RequestHeaders,
            ResponseHeaders = filters.ResponseHeaders,
            Redirect = filters.Redirect,
            Rewrite = filters.Rewrite,
            Mirrors = [.. filters.Mirrors],
            DirectResponse = direct,
            Backends = [.. backends],
            RequestTimeout = requestTimeout,
            BackendRequestTimeout = backendTimeout,
            Retry = direct is null && filters.Redirect is null ? retry : null,
            Cors = filters.Cors,
        };
    }

    private static (TimeSpan? Request, TimeSpan? BackendRequest) Timeouts(string field, HttpRouteTimeouts? timeouts, List<Problem> invalid)
    {
        if (timeouts is null)
        {
            return (null, null);
        }

        var request = Duration(field + ".timeouts.request", timeouts.Request, invalid);
        var backendRequest = Duration(field + ".timeouts.backendRequest", timeouts.BackendRequest, invalid);
        if (request is { } r && backendRequest is { } b && b > r)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.timeouts: backendRequest {timeouts.BackendRequest} is longer than request {timeouts.Request}"));
        }

        return (request, backendRequest);
    }

    /// <summary>
    /// The rule's retry policy. Gateway API leaves the defaults to the implementation: without <c>attempts</c> a request
    /// is retried <see cref="DefaultRetryAttempts"/> times, without <c>backoff</c> the first wait is
    /// <see cref="DefaultRetryBackoff"/> (as Envoy's base interval).
    /// </summary>
    private static RetryPolicy? Retry(string field, HttpRouteRetry? retry, List<Problem> invalid)
    {
        if (retry is null)
        {
            return null;
        }

        var backoff = DefaultRetryBackoff;
        if (retry.Backoff is not null)
        {
            if (!GatewayDurations.TryParse(retry.Backoff, out backoff))
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.retry.backoff: \"{retry.Backoff}\" is not a Gateway API duration (e.g. 100ms, 1s)"));
                return null;
            }
        }

        var codes = new SortedSet<int>();
        foreach (var code in retry.Codes ?? [])
        {
            if (code is < 400 or > 599)
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.retry.codes: {code.ToString(CultureInfo.InvariantCulture)} is not a status code in 400-599"));
                return null;
            }

            codes.Add(code);
        }

        return new RetryPolicy
        {
            Codes = [.. codes],
            Attempts = retry.Attempts is { } attempts ? Math.Max(attempts, 1) : DefaultRetryAttempts,
            Backoff = backoff,
        };
    }

    // "0s" disables a timeout, which the IR expresses as null.
    private static TimeSpan? Duration(string field, string? text, List<Problem> invalid)
    {
        if (text is null)
        {
            return null;
        }

        if (!GatewayDurations.TryParse(text, out var value))
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}: \"{text}\" is not a Gateway API duration (e.g. 10s, 1m30s, 500ms)"));
            return null;
        }

        return value == TimeSpan.Zero ? null : value;
    }
}
