using System.Text;
using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// What a matched rule does, compiled from <see cref="RouteAction"/>: a direct response, a redirect, or forwarding to
/// one of its weighted backends (weight 0 never chosen) with mirrors and a timeout; before any of them, the client
/// address allow list, the CORS preflight and the request body limit.
/// </summary>
internal sealed class RuleAction
{
    private static readonly BackendChoice[] NoBackends = [];

    private RuleAction(RuleActionKind kind)
    {
        Kind = kind;
    }

    public RuleActionKind Kind { get; }

    /// <summary>Status of a direct response or redirect.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Body of a direct response (UTF-8), or null.</summary>
    public byte[]? Body { get; private init; }

    public Redirect? Redirect { get; private init; }

    /// <summary>The rule's path prefix (trailing slashes trimmed), for <c>ReplacePrefixMatch</c>.</summary>
    public string MatchedPrefix { get; private init; } = string.Empty;

    /// <summary>Backends with a weight above 0, in IR order.</summary>
    public BackendChoice[] Backends { get; private init; } = NoBackends;

    /// <summary>Running sums of the weights of <see cref="Backends"/>.</summary>
    public int[] CumulativeWeights { get; private init; } = [];

    public MirrorTarget[] Mirrors { get; private init; } = [];

    /// <summary>The smaller of the request and backend-request timeouts, or null.</summary>
    public TimeSpan? Timeout { get; private init; }

    /// <summary>The rule's retry policy, or null (the request is sent once).</summary>
    public RetryPlan? Retry { get; private init; }

    /// <summary>Response modifiers of the rule, for answers the gateway makes itself (direct responses, redirects).</summary>
    public HeaderModifierPlan? ResponseHeaders { get; private init; }

    /// <summary>Clients allowed, or null for all; others get 403.</summary>
    public SourceRangeList? SourceRanges { get; private init; }

    /// <summary>Largest request body in bytes, or null; larger ones get 413.</summary>
    public long? MaxRequestBodySize { get; private init; }

    /// <summary>CORS policy, or null.</summary>
    public CorsPlan? Cors { get; private init; }

    /// <summary>
    /// Some backend has a CORS policy of its own: the backend is then chosen before a preflight is answered, and its
    /// <see cref="BackendChoice.Cors"/> applies instead of <see cref="Cors"/>.
    /// </summary>
    public bool BackendCors { get; private init; }

    public static RuleAction Create(RouteRule rule, IReadOnlyDictionary<string, CompiledCluster> clusters, ICollection<string> problems)
    {
        var action = rule.Action;
        var matchedPrefix = rule.Match.Path.Type == PathMatchType.Prefix ? PathMatcher.TrimPrefix(rule.Match.Path.Value) : string.Empty;
        var responseHeaders = HeaderModifierPlan.Create(action.ResponseHeaders, problems);
        var sourceRanges = SourceRangeList.Create(action.SourceRanges, problems);
        var cors = CorsPlan.Create(action.Cors);
        if (action.DirectResponse is { } direct)
        {
            return new RuleAction(RuleActionKind.DirectResponse)
            {
                StatusCode = direct.StatusCode,
                Body = string.IsNullOrEmpty(direct.Body) ? null : Encoding.UTF8.GetBytes(direct.Body),
                ResponseHeaders = responseHeaders,
                SourceRanges = sourceRanges,
                Cors = cors,
            };
        }

        if (action.Redirect is { } redirect)
        {
            return new RuleAction(RuleActionKind.Redirect)
            {
                StatusCode = redirect.StatusCode,
                Redirect = redirect,
                MatchedPrefix = matchedPrefix,
                ResponseHeaders = responseHeaders,
                SourceRanges = sourceRanges,
                Cors = cors,
            };
        }

        var rewrite = action.Rewrite is null ? null : UrlRewritePlan.Create(action.Rewrite, matchedPrefix, problems);
        var requestHeaders = HeaderModifierPlan.Create(action.RequestHeaders, problems);
        var backends = new List<BackendChoice>();
        var cumulative = new List<int>();
        var total = 0;
        var backendCors = false;
        foreach (var backend in action.Backends.IsDefault ? [] : action.Backends)
        {
            if (backend.Weight <= 0)
            {
                continue;
            }

            CompiledCluster? cluster = null;
            if (backend.DirectResponse is null && !clusters.TryGetValue(backend.ClusterId, out cluster))
            {
                problems.Add(string.Concat("backend cluster ", backend.ClusterId, " is not defined; its share of requests gets 500"));
            }

            var ownCors = backend.Cors is null ? cors : CorsPlan.Create(backend.Cors);
            backendCors |= backend.Cors is not null;
            var transformer = new RuleTransformer(
                rewrite,
                requestHeaders,
                responseHeaders,
                HeaderModifierPlan.Create(backend.RequestHeaders, problems),
                HeaderModifierPlan.Create(backend.ResponseHeaders, problems),
                ownCors);
            backends.Add(new BackendChoice(backend.ClusterId, cluster, transformer, backend.DirectResponse?.StatusCode ?? StatusCodes.Status500InternalServerError, ownCors));
            total = (int)Math.Min((long)total + backend.Weight, int.MaxValue);
            cumulative.Add(total);
        }

        if (backends.Count == 0)
        {
            // Gateway API: a rule with no usable backend answers 500.
            return new RuleAction(RuleActionKind.DirectResponse) { StatusCode = 500, ResponseHeaders = responseHeaders, SourceRanges = sourceRanges, Cors = cors };
        }

        var mirrors = new List<MirrorTarget>();
        foreach (var mirror in action.Mirrors.IsDefault ? [] : action.Mirrors)
        {
            if (!clusters.TryGetValue(mirror.ClusterId, out var cluster))
            {
                problems.Add(string.Concat("mirror cluster ", mirror.ClusterId, " is not defined; not mirrored"));
            }
            else if (mirror.Fraction > 0)
            {
                mirrors.Add(new MirrorTarget(cluster, Math.Min(mirror.Fraction, 1.0)));
            }
        }

        return new RuleAction(RuleActionKind.Forward)
        {
            Backends = [.. backends],
            CumulativeWeights = [.. cumulative],
            Mirrors = [.. mirrors],
            Timeout = MinTimeout(action.RequestTimeout, action.BackendRequestTimeout),
            Retry = RetryPlan.Create(action),
            MatchedPrefix = matchedPrefix,
            ResponseHeaders = responseHeaders,
            SourceRanges = sourceRanges,
            MaxRequestBodySize = action.MaxRequestBodySize,
            Cors = cors,
            BackendCors = backendCors,
        };
    }

    /// <summary>Picks a backend in proportion to its weight (a cheap thread-local RNG per request).</summary>
    public BackendChoice PickBackend()
    {
        var backends = Backends;
        if (backends.Length == 1)
        {
            return backends[0];
        }

        var cumulative = CumulativeWeights;
        var point = Random.Shared.Next(cumulative[^1]);
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (point < cumulative[i])
            {
                return backends[i];
            }
        }

        return backends[^1];
    }

    private static TimeSpan? MinTimeout(TimeSpan? a, TimeSpan? b)
    {
        // Gateway API: a zero duration disables the timeout.
        a = a > TimeSpan.Zero ? a : null;
        b = b > TimeSpan.Zero ? b : null;
        return a is null ? b : b is null ? a : (a < b ? a : b);
    }
}
