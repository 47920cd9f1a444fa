using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Routing;

/// <summary>
/// <see cref="RouteTable.Explain"/> (for <c>switchyard trace</c>): the rule it reports is the one <see cref="RouteTable.Match"/>
/// picks, and the first rule it finds no failed condition for is that same rule; failed conditions name what differs.
/// </summary>
public sealed class RouteExplainTests
{
    private static readonly RouteTable Table = RouteTable.Build(Listener(
        Host("gw/web", "*.example.com",
            Rule("exact-api", Exact("/api"), method: "GET"),
            Rule("canary", Prefix("/"), hostnames: ["web.example.com"], headers: [Is("x-canary", "always")]),
            Rule("regex", Regex("/items/[0-9]+"), query: [Is("v", "2")]),
            Rule("cookie", Prefix("/shop")) with { Match = new Ir.RouteMatch { Path = Prefix("/shop"), Cookies = [Is("beta", "1")] } },
            Rule("prefix-api", Prefix("/api")),
            Rule("other-host", Prefix("/"), hostnames: ["other.example.com"]),
            Rule("fallback", Prefix("/"))),
        Host("gw/exact", "exact.example.com", Rule("only", Exact("/only")))));

    [Fact]
    public void Explain_GeneratedRequests_AgreesWithMatch()
    {
        var hosts = new[] { "web.example.com", "other.example.com", "a.b.example.com", "exact.example.com:8080", "nowhere.test" };
        var paths = new[] { "/", "/api", "/api/x", "/items/12", "/items/x", "/shop/cart", "/only", "/ONLY" };
        var methods = new[] { "GET", "POST" };
        var checkedRequests = 0;
        foreach (var host in hosts)
        {
            foreach (var path in paths)
            {
                foreach (var method in methods)
                {
                    foreach (var (headers, query) in Variants())
                    {
                        var request = new RouteRequest(host, path, method, headers, query);
                        var explanation = Table.Explain(in request);
                        var matched = Table.Match(in request);
                        Assert.Same(matched, explanation.Matched);
                        var firstApplying = explanation.Rules.FirstOrDefault(r => r.Applies)?.Rule;
                        Assert.Same(matched, firstApplying);
                        checkedRequests++;
                    }
                }
            }
        }

        Assert.Equal(5 * 8 * 2 * 4, checkedRequests);
    }

    [Fact]
    public void Explain_FailedConditions_NameTheDifference()
    {
        var request = new RouteRequest("web.example.com", "/api", "POST", new HeaderDictionary { ["x-canary"] = "never" }, "?v=3");
        var explanation = Table.Explain(in request);
        Assert.Equal("gw/web", explanation.VirtualHost!.Host.Id);
        Assert.Equal("prefix-api", explanation.Matched!.Rule.Id);

        var exact = explanation.Rules.Single(r => r.Rule.Rule.Id == "exact-api");
        var method = Assert.Single(exact.Failed);
        Assert.Equal(RuleConditionKind.Method, method.Kind);
        Assert.Equal(("GET", "POST"), (method.Expected, method.Actual));

        var canary = explanation.Rules.Single(r => r.Rule.Rule.Id == "canary").Failed.Single();
        Assert.Equal((RuleConditionKind.Header, "x-canary", "Exact always", "never"), (canary.Kind, canary.Name, canary.Expected, canary.Actual));

        var regex = explanation.Rules.Single(r => r.Rule.Rule.Id == "regex").Failed;
        Assert.Equal([RuleConditionKind.Path, RuleConditionKind.Query], regex.Select(f => f.Kind));
        Assert.Equal("3", regex[1].Actual);

        var cookie = explanation.Rules.Single(r => r.Rule.Rule.Id == "cookie").Failed;
        Assert.Equal([RuleConditionKind.Path, RuleConditionKind.Cookie], cookie.Select(f => f.Kind));
        Assert.Null(cookie[1].Actual);

        var host = explanation.Rules.Single(r => r.Rule.Rule.Id == "other-host").Failed.Single();
        Assert.Equal((RuleConditionKind.Hostname, "web.example.com"), (host.Kind, host.Actual));
    }

    [Fact]
    public void Explain_NoVirtualHost_ReportsNone()
    {
        var request = new RouteRequest("nowhere.test", "/", "GET", new HeaderDictionary(), null);
        var explanation = Table.Explain(in request);
        Assert.Null(explanation.VirtualHost);
        Assert.Null(explanation.Matched);
        Assert.Empty(explanation.Rules);
    }

    [Fact]
    public void FirstValue_DecodesLikeTheMatcher()
    {
        Assert.Equal("a b/c", QueryMatcher.FirstValue("?x=1&na%6De=a+b%2Fc&name=2", "name"));
        Assert.Equal(string.Empty, QueryMatcher.FirstValue("flag&x=1", "flag"));
        Assert.Null(QueryMatcher.FirstValue("?x=1", "y"));
    }

    private static IEnumerable<(IHeaderDictionary Headers, string? Query)> Variants()
    {
        yield return (new HeaderDictionary(), null);
        yield return (new HeaderDictionary { ["x-canary"] = "always" }, "?v=2");
        yield return (new HeaderDictionary { ["Cookie"] = "beta=1" }, "?v=1");
        yield return (new HeaderDictionary { ["X-Canary"] = "nope", ["Cookie"] = "a=b; beta=1" }, "?v=2&v=3");
    }
}
