using Microsoft.Net.Http.Headers;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// Diagnostics (<c>switchyard trace</c>): every condition checked one by one with the same compiled matchers as
/// <see cref="MatchesConditions"/>, collecting those that fail. Never called on the request path.
/// </summary>
internal sealed partial class CompiledRule
{
    /// <param name="host">The request host, port stripped.</param>
    /// <param name="request">The request.</param>
    /// <param name="failed">Receives the conditions the request does not meet, in the rule's checking order.</param>
    public void Explain(ReadOnlySpan<char> host, in RouteRequest request, List<RuleCondition> failed)
    {
        var match = Rule.Match;
        var hostnames = Rule.Hostnames.IsDefaultOrEmpty ? [] : Rule.Hostnames;
        if (hostnames.Length > 0)
        {
            var any = false;
            foreach (var hostname in hostnames)
            {
                any |= Hostnames.Matches(string.IsNullOrEmpty(hostname) ? null : hostname.TrimEnd('.'), host);
            }

            if (!any)
            {
                failed.Add(new RuleCondition(RuleConditionKind.Hostname, "host", string.Join(", ", hostnames), host.ToString()));
            }
        }

        if (!Path.IsMatch(request.Path))
        {
            var expected = string.Concat(match.Path.Type.ToString(), " ", match.Path.Value, match.Path.IgnoreCase ? " (case-insensitive)" : string.Empty);
            failed.Add(new RuleCondition(RuleConditionKind.Path, "path", expected, request.Path));
        }

        if (_method is not null && !string.Equals(_method, request.Method, StringComparison.Ordinal))
        {
            failed.Add(new RuleCondition(RuleConditionKind.Method, "method", _method, request.Method));
        }

        var headers = match.Headers.IsDefault ? [] : match.Headers;
        for (var i = 0; i < _headers.Length; i++)
        {
            if (!_headers[i].IsMatch(request.Headers))
            {
                var values = request.Headers[_headers[i].Name];
                failed.Add(new RuleCondition(RuleConditionKind.Header, _headers[i].Name, Describe(headers[i]), values.Count == 0 ? null : values.ToString()));
            }
        }

        var cookies = match.Cookies.IsDefault ? [] : match.Cookies;
        for (var i = 0; i < _cookies.Length; i++)
        {
            if (!_cookies[i].IsMatch(request.Headers))
            {
                failed.Add(new RuleCondition(RuleConditionKind.Cookie, _cookies[i].Name, Describe(cookies[i]), FirstCookie(request, _cookies[i].Name)));
            }
        }

        var query = match.QueryParams.IsDefault ? [] : match.QueryParams;
        for (var i = 0; i < _query.Length; i++)
        {
            if (!_query[i].IsMatch(request.Query.AsSpan()))
            {
                failed.Add(new RuleCondition(RuleConditionKind.Query, _query[i].Name, Describe(query[i]), QueryMatcher.FirstValue(request.Query.AsSpan(), _query[i].Name)));
            }
        }
    }

    private static string Describe(StringMatch match) => string.Concat(match.Type.ToString(), " ", match.Value);

    private static string? FirstCookie(in RouteRequest request, string name)
    {
        var values = request.Headers[HeaderNames.Cookie];
        for (var i = 0; i < values.Count; i++)
        {
            if (CookieMatcher.TryFind(values[i], name, out var value))
            {
                return value.ToString();
            }
        }

        return null;
    }
}
