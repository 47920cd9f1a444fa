using System.Globalization;
using System.Text.RegularExpressions;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// A GRPCRoute rule in the route's own terms. In the IR such a rule is a path match on <c>/service/method</c> plus POST
/// and the gRPC content type, which says little to whoever wrote the GRPCRoute; so the walk shows the GRPCRoute match
/// the rule came from (read from the store by the rule id) and, for a call the data plane did not match, which of
/// service and method differ. Whether a rule matches is always the data plane's answer, never decided here.
/// </summary>
internal static class GrpcMatches
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The GRPCRoute match of an IR rule (<c>grpcroute/ns/name/rule/i/match/j</c>): an empty one for a rule (or route)
    /// without matches, which matches every call; null when the rule is not a GRPCRoute's or the route is gone.
    /// </summary>
    public static GrpcRouteMatch? Find(StoreSnapshot store, RouteRule rule)
    {
        if (rule.Id.Split('/') is not ["grpcroute", var ns, var name, "rule", var i, "match", var j]
            || !int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var ruleIndex)
            || !int.TryParse(j, NumberStyles.None, CultureInfo.InvariantCulture, out var matchIndex)
            || store.Get<GrpcRoute>(GatewayApiGroup.Name, GrpcRoute.KindName, ns, name) is not { } route)
        {
            return null;
        }

        // As the translator reads them: no rules is one rule matching every call, no matches one empty match.
        var rules = route.Spec.Rules is { Count: > 0 } given ? given : [new GrpcRouteRule()];
        if (ruleIndex >= rules.Count)
        {
            return null;
        }

        var matches = rules[ruleIndex]?.Matches is { Count: > 0 } list ? list : [new GrpcRouteMatch()];
        return matchIndex < matches.Count ? matches[matchIndex] ?? new GrpcRouteMatch() : null;
    }

    /// <summary><c>method Exact shop.Cart/Add, header x-env Exact canary</c>, <c>service Exact shop.Cart (any method)</c>, ...</summary>
    public static string Describe(GrpcRouteMatch match)
    {
        var parts = new List<string> { Method(match.Method) };
        parts.AddRange((match.Headers ?? []).Where(h => h is not null).Select(h => $"header {h.Name} {h.Type ?? "Exact"} {h.Value}"));
        return string.Join(", ", parts);
    }

    /// <summary>
    /// The parts of the method match that <paramref name="service"/>/<paramref name="method"/> fails: (<c>service</c> or
    /// <c>method</c>, what the match wants, what the call has). Empty when both fit.
    /// </summary>
    public static List<(string Part, string Expected, string Actual)> Mismatches(GrpcRouteMatch match, string service, string method)
    {
        var failed = new List<(string, string, string)>();
        var type = match.Method?.Type ?? "Exact";
        if (!string.IsNullOrEmpty(match.Method?.Service) && !Fits(type, match.Method.Service, service))
        {
            failed.Add(("service", type + " " + match.Method.Service, service));
        }

        if (!string.IsNullOrEmpty(match.Method?.Method) && !Fits(type, match.Method.Method, method))
        {
            failed.Add(("method", type + " " + match.Method.Method, method));
        }

        return failed;
    }

    private static string Method(GrpcMethodMatch? match)
    {
        var type = match?.Type ?? "Exact";
        var service = string.IsNullOrEmpty(match?.Service) ? null : match.Service;
        var method = string.IsNullOrEmpty(match?.Method) ? null : match.Method;
        return (service, method) switch
        {
            (null, null) => "any service and method",
            ({ } s, null) => $"service {type} {s} (any method)",
            (null, { } m) => $"method {type} {m} (any service)",
            ({ } s, { } m) when type == "Exact" => $"method Exact {s}/{m}",
            ({ } s, { } m) => $"service {type} {s}, method {type} {m}",
        };
    }

    // Only to say which part differs: the data plane has already decided that the match fails.
    private static bool Fits(string type, string pattern, string value)
    {
        if (type != "RegularExpression")
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        try
        {
            return Regex.IsMatch(value, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
