using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Routing;

public sealed class RouteTableTests
{
    [Theory]
    [InlineData("/foo", true)]
    [InlineData("/foo/", false)]
    [InlineData("/foo/bar", false)]
    [InlineData("/fo", false)]
    [InlineData("/FOO", false)]
    public void Match_ExactPath_MatchesOnlyThatPath(string path, bool expected)
    {
        var table = Table(Rule("exact", Exact("/foo")));
        Assert.Equal(expected, Find(table, path) is not null);
    }

    [Theory]
    [InlineData("/foo", "/foo", true)]
    [InlineData("/foo", "/foo/", true)]
    [InlineData("/foo", "/foo/bar", true)]
    [InlineData("/foo", "/foo/bar/baz", true)]
    [InlineData("/foo", "/foobar", false)]
    [InlineData("/foo", "/fo", false)]
    [InlineData("/foo", "/", false)]
    [InlineData("/foo/", "/foo", true)]
    [InlineData("/foo/", "/foo/bar", true)]
    [InlineData("/foo/", "/foobar", false)]
    [InlineData("/foo/bar", "/foo/bar/baz", true)]
    [InlineData("/foo/bar", "/foo/barbaz", false)]
    [InlineData("/foo/bar", "/foo", false)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/anything/at/all", true)]
    public void Match_PrefixPath_MatchesWholeElements(string prefix, string path, bool expected)
    {
        var table = Table(Rule("prefix", Prefix(prefix)));
        Assert.Equal(expected, Find(table, path) is not null);
    }

    [Theory]
    [InlineData("/api/v1", true)]
    [InlineData("/api/v42", true)]
    [InlineData("/api/v1/users", false)]
    [InlineData("/x/api/v1", false)]
    [InlineData("/api/vx", false)]
    public void Match_RegexPath_RequiresFullMatch(string path, bool expected)
    {
        var table = Table(Rule("regex", Regex("/api/v[0-9]+")));
        Assert.Equal(expected, Find(table, path) is not null);
    }

    [Fact]
    public void Match_RegexPathIgnoreCase_MatchesOtherCase()
    {
        var table = Table(Rule("regex", Regex("/api/[a-z]+", ignoreCase: true)));
        Assert.NotNull(Find(table, "/API/Users"));
    }

    [Fact]
    public void Build_InvalidRegex_ReportsProblemAndNeverMatches()
    {
        var table = Table(Rule("bad", Regex("/(unclosed")), Rule("next", Prefix("/")));
        Assert.Single(table.Problems);
        Assert.Contains("bad", table.Problems[0], StringComparison.Ordinal);
        Assert.Equal("next", Find(table, "/(unclosed")?.Rule.Id);
    }

    [Fact]
    public void Match_HeaderNameCaseInsensitiveValueExact_Matches()
    {
        var table = Table(Rule("h", headers: [Is("X-Env", "canary")]));
        Assert.NotNull(Find(table, "/", headers: new() { ["x-env"] = "canary" }));
        Assert.Null(Find(table, "/", headers: new() { ["X-Env"] = "Canary" }));
        Assert.Null(Find(table, "/", headers: new() { ["X-Other"] = "canary" }));
        Assert.Null(Find(table, "/"));
    }

    [Fact]
    public void Match_HeaderRegex_RequiresFullMatch()
    {
        var table = Table(Rule("h", headers: [Like("x-version", "v[0-9]+")]));
        Assert.NotNull(Find(table, "/", headers: new() { ["X-Version"] = "v12" }));
        Assert.Null(Find(table, "/", headers: new() { ["X-Version"] = "v12-beta" }));
    }

    [Fact]
    public void Match_RepeatedHeader_AnyValueMatches()
    {
        var table = Table(Rule("h", headers: [Is("x-tag", "b")]));
        Assert.NotNull(Find(table, "/", headers: new() { ["x-tag"] = new(["a", "b"]) }));
    }

    [Fact]
    public void Match_SeveralHeaders_AllMustMatch()
    {
        var table = Table(Rule("h", headers: [Is("a", "1"), Is("b", "2")]));
        Assert.NotNull(Find(table, "/", headers: new() { ["a"] = "1", ["b"] = "2" }));
        Assert.Null(Find(table, "/", headers: new() { ["a"] = "1" }));
    }

    [Theory]
    [InlineData("?animal=whale", true)]
    [InlineData("?x=1&animal=whale&y=2", true)]
    [InlineData("?animal=dolphin", false)]
    [InlineData("?Animal=whale", false)]
    [InlineData("?animal=whale2", false)]
    [InlineData("?animalx=whale", false)]
    [InlineData("?animal", false)]
    [InlineData("", false)]
    [InlineData("?animal=dolphin&animal=whale", false)]
    [InlineData("?an%69mal=wh%61le", true)]
    public void Match_QueryExact_ComparesDecodedFirstOccurrence(string query, bool expected)
    {
        var table = Table(Rule("q", query: [Is("animal", "whale")]));
        Assert.Equal(expected, Find(table, "/", query: query) is not null);
    }

    [Theory]
    [InlineData("?q=hello+world", true)]
    [InlineData("?q=hello%20world", true)]
    [InlineData("?q=hello%2Bworld", false)]
    public void Match_QueryWithEncodedSpace_Decodes(string query, bool expected)
    {
        var table = Table(Rule("q", query: [Is("q", "hello world")]));
        Assert.Equal(expected, Find(table, "/", query: query) is not null);
    }

    [Fact]
    public void Match_QueryRegex_RequiresFullMatch()
    {
        var table = Table(Rule("q", query: [Like("id", "[0-9]+")]));
        Assert.NotNull(Find(table, "/", query: "?id=123"));
        Assert.Null(Find(table, "/", query: "?id=12a"));
    }

    [Fact]
    public void Match_Method_MustBeEqual()
    {
        var table = Table(Rule("post", method: "POST"), Rule("any"));
        Assert.Equal("post", Find(table, "/", method: "POST")?.Rule.Id);
        Assert.Equal("any", Find(table, "/", method: "GET")?.Rule.Id);
    }

    [Fact]
    public void Match_NoRule_ReturnsNull()
    {
        var table = Table(Rule("a", Exact("/a")));
        Assert.Null(Find(table, "/b"));
    }

    [Fact]
    public void Match_SeveralRulesMatch_FirstInOrderWins()
    {
        var table = Table(
            Rule("regex", Regex("/foo/.*")),
            Rule("exact", Exact("/foo/bar")),
            Rule("prefix", Prefix("/foo")),
            Rule("root", Prefix("/")));
        Assert.Equal("regex", Find(table, "/foo/bar")?.Rule.Id);
        Assert.Equal("prefix", Find(table, "/foo")?.Rule.Id);
        Assert.Equal("root", Find(table, "/other")?.Rule.Id);
    }

    [Fact]
    public void Match_LongerPrefixLaterInOrder_EarlierShorterPrefixWins()
    {
        var table = Table(Rule("short", Prefix("/a")), Rule("long", Prefix("/a/b")));
        Assert.Equal("short", Find(table, "/a/b/c")?.Rule.Id);
    }

    [Fact]
    public void Match_EarlierRuleFailsConditions_LaterRuleMatches()
    {
        var table = Table(
            Rule("canary", Prefix("/a"), headers: [Is("x-canary", "1")]),
            Rule("stable", Prefix("/a")));
        Assert.Equal("canary", Find(table, "/a/x", headers: new() { ["x-canary"] = "1" })?.Rule.Id);
        Assert.Equal("stable", Find(table, "/a/x")?.Rule.Id);
    }

    [Theory]
    [InlineData("foo.example.com", "exact")]
    [InlineData("FOO.Example.COM", "exact")]
    [InlineData("foo.example.com:8080", "exact")]
    [InlineData("foo.example.com.", "exact")]
    [InlineData("bar.example.com", "wildcard")]
    [InlineData("a.b.example.com", "wildcard")]
    [InlineData("a.b.deep.example.com", "deep")]
    [InlineData("x.deep.example.com", "deep")]
    [InlineData("example.com", "any")]
    [InlineData("other.org", "any")]
    [InlineData("", "any")]
    [InlineData("[::1]:8080", "any")]
    public void FindVirtualHost_MostSpecificHostnameWins(string host, string expected)
    {
        var table = RouteTable.Build(Listener(
            Host("any", null, Rule("r-any")),
            Host("wildcard", "*.example.com", Rule("r-wildcard")),
            Host("exact", "foo.example.com", Rule("r-exact")),
            Host("deep", "*.deep.example.com", Rule("r-deep"))));
        Assert.Equal(expected, table.FindVirtualHost(host)?.Host.Id);
        Assert.Equal("r-" + expected, Find(table, "/", host: host)?.Rule.Id);
    }

    [Fact]
    public void FindVirtualHost_WildcardDoesNotMatchApex()
    {
        var table = RouteTable.Build(Listener(Host("wildcard", "*.example.com", Rule("r"))));
        Assert.Null(table.FindVirtualHost("example.com"));
        Assert.Null(table.FindVirtualHost(".example.com"));
        Assert.Null(Find(table, "/", host: "example.com"));
    }

    [Fact]
    public void Match_MostSpecificVirtualHostHasNoMatchingRule_OtherHostsNotConsulted()
    {
        var table = RouteTable.Build(Listener(
            Host("exact", "foo.example.com", Rule("only-a", Prefix("/a"))),
            Host("any", null, Rule("catch-all"))));
        Assert.Null(Find(table, "/b", host: "foo.example.com"));
        Assert.Equal("catch-all", Find(table, "/b", host: "bar.example.com")?.Rule.Id);
    }

    [Fact]
    public void Match_RuleHostnames_OnlyThoseHostsMatch()
    {
        var table = RouteTable.Build(Listener(Host(
            "wildcard",
            "*.example.com",
            Rule("a-only", hostnames: ["a.example.com"]),
            Rule("wild-b", hostnames: ["*.b.example.com"]),
            Rule("rest"))));
        Assert.Equal("a-only", Find(table, "/", host: "A.example.com")?.Rule.Id);
        Assert.Equal("wild-b", Find(table, "/", host: "x.y.b.example.com")?.Rule.Id);
        Assert.Equal("rest", Find(table, "/", host: "b.example.com")?.Rule.Id);
        Assert.Equal("rest", Find(table, "/", host: "c.example.com")?.Rule.Id);
    }

    [Fact]
    public void Match_RuleWithSeveralHostnames_KeepsOrderAcrossGroups()
    {
        var table = RouteTable.Build(Listener(Host(
            "any",
            null,
            Rule("any-first", Prefix("/x")),
            Rule("a", hostnames: ["a.example.com", "*.example.com", "A.EXAMPLE.COM"]))));
        Assert.Equal("any-first", Find(table, "/x", host: "a.example.com")?.Rule.Id);
        Assert.Equal("a", Find(table, "/y", host: "a.example.com")?.Rule.Id);
        Assert.Equal("a", Find(table, "/y", host: "q.example.com")?.Rule.Id);
        Assert.Null(Find(table, "/y", host: "other.org"));
    }

    [Fact]
    public void Match_TenThousandRules_FindsTheRightOne()
    {
        var rules = new List<RouteRule>();
        for (var i = 0; i < 10_000; i++)
        {
            rules.Add(Rule("r" + i, Prefix("/svc" + (i % 100) + "/v" + (i / 100)), hostnames: ["h" + (i % 10) + ".example.com"]));
        }

        var table = RouteTable.Build(Listener(Host("any", null, [.. rules])));
        Assert.Equal("r9999", Find(table, "/svc99/v99/items", host: "h9.example.com")?.Rule.Id);
        Assert.Equal("r0", Find(table, "/svc0/v0", host: "h0.example.com")?.Rule.Id);
        Assert.Null(Find(table, "/svc99/v99/items", host: "h8.example.com"));
    }

    private static RouteTable Table(params RouteRule[] rules) => RouteTable.Build(Listener(Host("any", null, rules)));

    private static CompiledRule? Find(
        RouteTable table,
        string path,
        string host = "example.com",
        string method = "GET",
        HeaderDictionary? headers = null,
        string? query = null) =>
        table.Match(new RouteRequest(host, path, method, headers ?? [], query));
}
