using Switchyard.Ir;
using Switchyard.Translation.GatewayApi;

namespace Switchyard.Translation.Tests.GatewayApi;

public sealed class RoutePrecedenceTests
{
    private static readonly RouteAction Action = new();

    [Fact]
    public void Compare_HostnameTiers_ExactBeforeLongerWildcardBeforeWildcardBeforeAny()
    {
        var any = Candidate("any", hostname: null, path: Exact("/very/specific"));
        var wildcard = Candidate("wildcard", hostname: "*.example.com");
        var deeper = Candidate("deeper", hostname: "*.eu.example.com");
        var exact = Candidate("exact", hostname: "shop.example.com");
        Assert.Equal(["exact", "deeper", "wildcard", "any"], Sorted(any, wildcard, deeper, exact));
    }

    [Fact]
    public void Compare_Paths_ExactBeforeLongestPrefixOrRegexPrefixWinningTies()
    {
        var shortPrefix = Candidate("short", path: Prefix("/a"));
        var longPrefix = Candidate("long", path: Prefix("/a/bc"));
        var regex = Candidate("regex", path: new PathMatch { Type = PathMatchType.RegularExpression, Value = "/a/b." });
        var exact = Candidate("exact", path: Exact("/a"));
        Assert.Equal(["exact", "long", "regex", "short"], Sorted(shortPrefix, regex, longPrefix, exact));
    }

    [Fact]
    public void Compare_SamePath_MethodThenMoreHeadersThenMoreQueryParams()
    {
        var plain = Candidate("plain");
        var query = Candidate("query", match: new RouteMatch { QueryParams = [Header("q")] });
        var headers = Candidate("headers", match: new RouteMatch { Headers = [Header("a"), Header("b")] });
        var header = Candidate("header", match: new RouteMatch { Headers = [Header("a")] });
        var method = Candidate("method", match: new RouteMatch { Method = "GET" });
        Assert.Equal(["method", "headers", "header", "query", "plain"], Sorted(plain, query, headers, header, method));
    }

    [Fact]
    public void Compare_EqualMatches_OlderRouteThenNamespaceNameThenRuleThenMatch()
    {
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var older = Candidate("older", route: "zzz/z", created: t0);
        var alphabetical = Candidate("a-b", route: "a-b/x", created: t0.AddDays(1));
        var slash = Candidate("a", route: "a/x", created: t0.AddDays(1));
        var laterRule = Candidate("rule1", route: "a/x", created: t0.AddDays(1), rule: 1);
        var laterMatch = Candidate("rule1-match1", route: "a/x", created: t0.AddDays(1), rule: 1, matchIndex: 1);
        // "a-b/x" sorts before "a/x" because '-' < '/': the spec compares the whole "namespace/name" string.
        Assert.Equal(["older", "a-b", "a", "rule1", "rule1-match1"], Sorted(laterMatch, slash, laterRule, alphabetical, older));
    }

    [Fact]
    public void Compare_Grpc_ServiceCharactersThenMethodCharactersThenHeaders()
    {
        // The IR matches carry the same extra conditions; only the GRPCRoute ranks decide.
        var any = Grpc("any", new GrpcMatchRank(0, 0, 0));
        var methodOnly = Grpc("method-only", new GrpcMatchRank(0, 12, 0));
        var shortService = Grpc("short-service", new GrpcMatchRank(3, 0, 0));
        var longService = Grpc("long-service", new GrpcMatchRank(9, 0, 0));
        var serviceAndMethod = Grpc("service-and-method", new GrpcMatchRank(3, 3, 0));
        var serviceHeaders = Grpc("service-headers", new GrpcMatchRank(3, 0, 2));
        var serviceHeader = Grpc("service-header", new GrpcMatchRank(3, 0, 1));
        Assert.Equal(
            ["long-service", "service-and-method", "service-headers", "service-header", "short-service", "method-only", "any"],
            Sorted(any, methodOnly, shortService, longService, serviceAndMethod, serviceHeaders, serviceHeader));
    }

    [Fact]
    public void Compare_GrpcEqualRanks_HostnameFirstThenOlderRoute()
    {
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var wildcardSpecific = Grpc("wildcard", new GrpcMatchRank(20, 20, 5), hostname: "*.example.com");
        var exactAny = Grpc("exact", new GrpcMatchRank(0, 0, 0), hostname: "grpc.example.com");
        var newer = Grpc("newer", new GrpcMatchRank(1, 0, 0), route: "a/a", created: t0.AddDays(1));
        var older = Grpc("older", new GrpcMatchRank(1, 0, 0), route: "z/z", created: t0);
        Assert.Equal(["exact", "wildcard", "older", "newer"], Sorted(newer, older, wildcardSpecific, exactAny));
    }

    [Fact]
    public void Rules_CandidatesOfOneMatchAdjacent_MergedIntoOneRuleWithAllHostnames()
    {
        var a = Candidate("r", hostname: "a.example.com", path: Prefix("/x"));
        var b = Candidate("r", hostname: "bb.example.com", path: Prefix("/x"));
        var other = Candidate("other", hostname: "*.example.com", path: Prefix("/x/longer"));
        var rules = GatewayIr.Rules([other, b, a]);
        Assert.Equal(["r", "other"], rules.Select(r => r.Id));
        Assert.Equal(["a.example.com", "bb.example.com"], rules[0].Hostnames.ToArray());
    }

    private static string[] Sorted(params RouteCandidate[] candidates) =>
        [.. candidates.Order(RoutePrecedence.Instance).Select(c => c.Id)];

    private static PathMatch Exact(string value) => new() { Type = PathMatchType.Exact, Value = value };

    private static PathMatch Prefix(string value) => new() { Type = PathMatchType.Prefix, Value = value };

    private static StringMatch Header(string name) => new() { Name = name, Type = StringMatchType.Exact, Value = "1" };

    private static RouteCandidate Grpc(string id, GrpcMatchRank rank, string? hostname = null, string route = "ns/route", DateTime created = default) =>
        Candidate(id, hostname, match: new RouteMatch { Method = "POST" }, route: route, created: created) with { Grpc = rank };

    private static RouteCandidate Candidate(
        string id, string? hostname = null, PathMatch? path = null, RouteMatch? match = null, string route = "ns/route",
        DateTime created = default, int rule = 0, int matchIndex = 0) => new()
        {
            Id = id,
            Route = route,
            RouteCreated = created,
            RuleIndex = rule,
            MatchIndex = matchIndex,
            Hostname = hostname,
            Match = path is null ? match ?? new RouteMatch() : new RouteMatch { Path = path },
            Action = Action,
        };
}
