using Switchyard.Ir;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Gateway API precedence across all rules of all routes on one listener, most preferred first:
/// hostname (exact, then longer wildcards, then any host); then for HTTPRoutes Exact path, longer
/// PathPrefix/RegularExpression (prefix first on equal length), a method match, more header matches, more query
/// matches, and for GRPCRoutes more characters in the service, then in the method, more header matches; then the
/// older route; the route first by "namespace/name"; the earlier rule and match. The hostname breaks the last tie.
/// </summary>
/// <remarks>
/// Exact hostnames of different lengths can never both match one request, so they share a tier; that keeps the
/// candidates of one rule adjacent, where they merge back into one IR rule.
/// </remarks>
internal sealed class RoutePrecedence : IComparer<RouteCandidate>
{
    public static RoutePrecedence Instance { get; } = new();

    public int Compare(RouteCandidate? x, RouteCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var c = Hostnames.Tier(y.Hostname).CompareTo(Hostnames.Tier(x.Hostname));
        if (c != 0)
        {
            return c;
        }

        if (x.Hostname is not null && y.Hostname is not null && Hostnames.IsWildcard(x.Hostname))
        {
            c = y.Hostname.Length.CompareTo(x.Hostname.Length);
            if (c != 0)
            {
                return c;
            }
        }

        // HTTPRoute and GRPCRoute rules never compete for one hostname on a listener (RouteBinder), so which kind
        // sorts first is arbitrary; it only has to keep the order total.
        c = x.Grpc.HasValue.CompareTo(y.Grpc.HasValue);
        if (c != 0)
        {
            return c;
        }

        c = x.Grpc is { } xg && y.Grpc is { } yg ? CompareGrpc(xg, yg) : CompareMatch(x.Match, y.Match);
        if (c != 0)
        {
            return c;
        }

        c = x.RouteCreated.CompareTo(y.RouteCreated);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Route, y.Route);
        if (c != 0)
        {
            return c;
        }

        c = x.RuleIndex.CompareTo(y.RuleIndex);
        if (c != 0)
        {
            return c;
        }

        c = x.MatchIndex.CompareTo(y.MatchIndex);
        return c != 0 ? c : string.CompareOrdinal(x.Hostname, y.Hostname);
    }

    /// <summary>GRPCRoute match specificity: more characters in the service, then in the method, then more header matches.</summary>
    public static int CompareGrpc(GrpcMatchRank x, GrpcMatchRank y)
    {
        var c = y.ServiceLength.CompareTo(x.ServiceLength);
        if (c != 0)
        {
            return c;
        }

        c = y.MethodLength.CompareTo(x.MethodLength);
        return c != 0 ? c : y.HeaderCount.CompareTo(x.HeaderCount);
    }

    /// <summary>Match specificity alone: negative when <paramref name="x"/> takes precedence.</summary>
    public static int CompareMatch(RouteMatch x, RouteMatch y)
    {
        var c = (y.Path.Type == PathMatchType.Exact).CompareTo(x.Path.Type == PathMatchType.Exact);
        if (c != 0)
        {
            return c;
        }

        c = y.Path.Value.Length.CompareTo(x.Path.Value.Length);
        if (c != 0)
        {
            return c;
        }

        c = (y.Path.Type == PathMatchType.Prefix).CompareTo(x.Path.Type == PathMatchType.Prefix);
        if (c != 0)
        {
            return c;
        }

        c = (y.Method is not null).CompareTo(x.Method is not null);
        if (c != 0)
        {
            return c;
        }

        c = y.Headers.Length.CompareTo(x.Headers.Length);
        return c != 0 ? c : y.QueryParams.Length.CompareTo(x.QueryParams.Length);
    }
}
