using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

internal sealed partial class GrpcRouteRules
{
    /// <summary>
    /// gRPC calls carry <c>content-type: application/grpc</c>, optionally with a codec suffix (<c>+proto</c>) or
    /// parameters; gRPC-Web's <c>application/grpc-web</c> is accepted too. Media types compare case-insensitively.
    /// </summary>
    internal static readonly StringMatch GrpcContentType = new()
    {
        Name = "content-type",
        Type = StringMatchType.RegularExpression,
        Value = "(?i)application/grpc([-+;].*)?",
    };

    // The characters the API server allows in an Exact service and method (so they need no escaping in a path).
    private static readonly Regex ExactService = new(@"^\.?[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)*$", RegexOptions.CultureInvariant);
    private static readonly Regex ExactMethod = new("^[A-Za-z_][A-Za-z_0-9]*$", RegexOptions.CultureInvariant);

    private static (List<RouteMatch> Matches, List<GrpcMatchRank> Ranks) Matches(string field, GrpcRouteRule rule, List<Problem> invalid)
    {
        var matches = new List<RouteMatch>();
        var ranks = new List<GrpcMatchRank>();

        // No matches: every gRPC call.
        var given = rule.Matches is { Count: > 0 } list ? list : [new GrpcRouteMatch()];
        for (var j = 0; j < given.Count; j++)
        {
            var matchField = string.Create(CultureInfo.InvariantCulture, $"{field}.matches[{j}]");
            var (match, rank) = Match(matchField, given[j] ?? new GrpcRouteMatch(), invalid);
            matches.Add(match);
            ranks.Add(rank);
        }

        return (matches, ranks);
    }

    /// <summary>
    /// A method match acts as a path match on <c>/service/method</c> (GEP-1016): Exact service and method is an Exact
    /// path, Exact service alone a path prefix, Exact method alone and every RegularExpression a regex path.
    /// </summary>
    private static (RouteMatch Match, GrpcMatchRank Rank) Match(string field, GrpcRouteMatch match, List<Problem> invalid)
    {
        // An empty service or method matches any, like an absent one.
        var service = string.IsNullOrEmpty(match.Method?.Service) ? null : match.Method.Service;
        var method = string.IsNullOrEmpty(match.Method?.Method) ? null : match.Method.Method;
        var type = match.Method?.Type ?? "Exact";
        PathMatch path;
        switch (type)
        {
            case "Exact":
                if (service is not null && !ExactService.IsMatch(service))
                {
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.method.service: \"{service}\" is not a valid gRPC service name"));
                }

                if (method is not null && !ExactMethod.IsMatch(method))
                {
                    invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.method.method: \"{method}\" is not a valid gRPC method name"));
                }

                path = (service, method) switch
                {
                    ({ } s, { } m) => new PathMatch { Type = PathMatchType.Exact, Value = "/" + s + "/" + m },
                    ({ } s, null) => new PathMatch { Type = PathMatchType.Prefix, Value = "/" + s },
                    (null, { } m) => new PathMatch { Type = PathMatchType.RegularExpression, Value = "/[^/]+/" + Regex.Escape(m) },
                    _ => new PathMatch { Type = PathMatchType.Prefix, Value = "/" },
                };
                break;
            case "RegularExpression":
                if (service is not null)
                {
                    HttpRouteRules.CheckRegex(field + ".method.service", service, invalid);
                }

                if (method is not null)
                {
                    HttpRouteRules.CheckRegex(field + ".method.method", method, invalid);
                }

                path = service is null && method is null
                    ? new PathMatch { Type = PathMatchType.Prefix, Value = "/" }
                    : new PathMatch { Type = PathMatchType.RegularExpression, Value = "/(?:" + (service ?? "[^/]+") + ")/(?:" + (method ?? "[^/]+") + ")" };
                break;
            default:
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, $"{field}.method.type: {type} is not supported"));
                path = new PathMatch { Type = PathMatchType.Prefix, Value = "/" };
                break;
        }

        var headers = HttpRouteRules.StringMatches(
            field + ".headers", match.Headers?.Where(h => h is not null).Select(h => (h.Name, h.Type, h.Value)), StringComparer.OrdinalIgnoreCase, invalid);
        var rank = new GrpcMatchRank(service?.Length ?? 0, method?.Length ?? 0, headers.Length);
        return (new RouteMatch { Path = path, Method = "POST", Headers = headers.Add(GrpcContentType) }, rank);
    }
}
