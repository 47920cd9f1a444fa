using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Telemetry;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>A <see cref="RouteRule"/> with its conditions compiled, and the action built for it.</summary>
internal sealed partial class CompiledRule
{
    private readonly string? _method;
    private readonly HeaderMatcher[] _headers;
    private readonly QueryMatcher[] _query;
    private readonly CookieMatcher[] _cookies;

    public CompiledRule(RouteRule rule, int index, ICollection<string> problems)
    {
        Rule = rule;
        Index = index;
        var match = rule.Match;
        _method = match.Method;
        Path = PathMatcher.Create(match.Path, problems);

        var headers = match.Headers.IsDefault ? [] : match.Headers;
        _headers = new HeaderMatcher[headers.Length];
        for (var i = 0; i < _headers.Length; i++)
        {
            _headers[i] = HeaderMatcher.Create(headers[i], problems);
        }

        var query = match.QueryParams.IsDefault ? [] : match.QueryParams;
        _query = new QueryMatcher[query.Length];
        for (var i = 0; i < _query.Length; i++)
        {
            _query[i] = QueryMatcher.Create(query[i], problems);
        }

        var cookies = match.Cookies.IsDefault ? [] : match.Cookies;
        _cookies = new CookieMatcher[cookies.Length];
        for (var i = 0; i < _cookies.Length; i++)
        {
            _cookies[i] = CookieMatcher.Create(cookies[i], problems);
        }

        if (rule.Match.Path.Type == PathMatchType.Prefix)
        {
            MatchedPrefix = PathMatcher.TrimPrefix(rule.Match.Path.Value);
        }
    }

    public RouteRule Rule { get; }

    /// <summary>Position in the virtual host's rules: lower wins.</summary>
    public int Index { get; }

    /// <summary>The path condition, for rules the path index cannot key.</summary>
    public PathMatcher Path { get; }

    /// <summary>The prefix (trailing slashes trimmed) for <c>ReplacePrefixMatch</c>; empty unless the rule matches by prefix.</summary>
    public string MatchedPrefix { get; } = string.Empty;

    /// <summary>What to do with a matched request; null in tables built without actions (tests, dumps).</summary>
    public RuleAction? Action { get; init; }

    /// <summary>Metric and access-log labels (gateway, listener, route, rule), built with the table.</summary>
    public RequestLabels Labels { get; init; } = RequestLabels.None;

    /// <summary>Checks method, headers, cookies and query; path and hostname are the caller's job.</summary>
    public bool MatchesConditions(in RouteRequest request)
    {
        if (_method is not null && !string.Equals(_method, request.Method, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var header in _headers)
        {
            if (!header.IsMatch(request.Headers))
            {
                return false;
            }
        }

        foreach (var cookie in _cookies)
        {
            if (!cookie.IsMatch(request.Headers))
            {
                return false;
            }
        }

        if (_query.Length != 0)
        {
            var query = request.Query.AsSpan();
            foreach (var parameter in _query)
            {
                if (!parameter.IsMatch(query))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
