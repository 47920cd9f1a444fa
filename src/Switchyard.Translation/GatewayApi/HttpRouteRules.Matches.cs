using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

internal sealed partial class HttpRouteRules
{
    private static readonly HashSet<string> Methods = new(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"], StringComparer.Ordinal);

    private static List<RouteMatch> Matches(string field, HttpRouteRule rule, List<Problem> invalid)
    {
        var result = new List<RouteMatch>();
        var matches = rule.Matches is { Count: > 0 } given ? given : [new HttpRouteMatch()];
        for (var j = 0; j < matches.Count; j++)
        {
            var matchField = string.Create(CultureInfo.InvariantCulture, $"{field}.matches[{j}]");
            result.Add(Match(matchField, matches[j] ?? new HttpRouteMatch(), invalid));
        }

        return result;
    }

    private static RouteMatch Match(string field, HttpRouteMatch match, List<Problem> invalid)
    {
        var pathType = match.Path?.Type ?? "PathPrefix";
        var pathValue = match.Path?.Value ?? "/";
        PathMatch path;
        switch (pathType)
        {
            case "Exact" or "PathPrefix":
                if (!pathValue.StartsWith('/'))
                {
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.path.value: \"{pathValue}\" must start with /"));
                }

                // A trailing "/" does not change a PathPrefix match, so drop it to keep lengths comparable for precedence.
                if (pathType == "PathPrefix" && pathValue.Length > 1)
                {
                    var trimmed = pathValue.TrimEnd('/');
                    pathValue = trimmed.Length == 0 ? "/" : trimmed;
                }

                path = new PathMatch { Type = pathType == "Exact" ? PathMatchType.Exact : PathMatchType.Prefix, Value = pathValue };
                break;
            case "RegularExpression":
                CheckRegex($"{field}.path.value", pathValue, invalid);
                path = new PathMatch { Type = PathMatchType.RegularExpression, Value = pathValue };
                break;
            default:
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.path.type: {pathType} is not supported"));
                path = new PathMatch { Type = PathMatchType.Prefix, Value = "/" };
                break;
        }

        var headers = StringMatches($"{field}.headers", match.Headers?.Where(h => h is not null).Select(h => (h.Name, h.Type, h.Value)), StringComparer.OrdinalIgnoreCase, invalid);
        var queryParams = StringMatches($"{field}.queryParams", match.QueryParams?.Where(q => q is not null).Select(q => (q.Name, q.Type, q.Value)), StringComparer.Ordinal, invalid);
        if (match.Method is { } method && !Methods.Contains(method))
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.method: {method} is not supported"));
        }

        return new RouteMatch { Path = path, Headers = headers, QueryParams = queryParams, Method = match.Method };
    }

    // Only the first entry for a name counts (header names compare case-insensitively, query names exactly).
    internal static ImmutableArray<StringMatch> StringMatches(string field, IEnumerable<(string? Name, string? Type, string? Value)>? entries, StringComparer names, List<Problem> invalid)
    {
        var result = ImmutableArray.CreateBuilder<StringMatch>();
        var seen = new HashSet<string>(names);
        var index = -1;
        foreach (var entry in entries ?? [])
        {
            index++;
            var e = entry;

            var entryField = string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");
            if (string.IsNullOrEmpty(e.Name))
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{entryField}.name is required"));
                continue;
            }

            if (!seen.Add(e.Name))
            {
                continue;
            }

            var value = e.Value ?? string.Empty;
            StringMatchType type;
            switch (e.Type ?? "Exact")
            {
                case "Exact":
                    type = StringMatchType.Exact;
                    break;
                case "RegularExpression":
                    CheckRegex(entryField + ".value", value, invalid);
                    type = StringMatchType.RegularExpression;
                    break;
                default:
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{entryField}.type: {e.Type} is not supported"));
                    continue;
            }

            result.Add(new StringMatch { Name = e.Name, Type = type, Value = value });
        }

        return result.ToImmutable();
    }

    // The data planes compile regexes with RegexOptions.NonBacktracking; refuse here what they could not compile.
    internal static void CheckRegex(string field, string pattern, List<Problem> invalid)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}: \"{pattern}\" is not a supported regular expression (.NET syntax without backreferences or lookarounds)"));
        }
    }
}
