using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Routing;

public sealed class CookieMatcherTests
{
    [Theory]
    [InlineData("canary=always", true)]
    [InlineData("a=1; canary=always; b=2", true)]
    [InlineData("a=1;canary=always", true)]
    [InlineData("canary=never", false)]
    [InlineData("canary=always2", false)]
    [InlineData("xcanary=always", false)]
    [InlineData("Canary=always", false)]
    [InlineData("canary=never; canary=always", false)]
    [InlineData("", false)]
    [InlineData("canary", false)]
    public void IsMatch_CookieHeader_FirstCookieOfThatNameCounts(string cookie, bool expected)
    {
        var matcher = CookieMatcher.Create(Is("canary", "always"), []);
        var headers = new HeaderDictionary { ["Cookie"] = cookie };

        Assert.Equal(expected, matcher.IsMatch(headers));
    }

    [Fact]
    public void IsMatch_SeveralCookieHeaders_SearchedInOrder()
    {
        var matcher = CookieMatcher.Create(Is("canary", "always"), []);
        var headers = new HeaderDictionary { ["Cookie"] = new(["a=1", "canary=always"]) };

        Assert.True(matcher.IsMatch(headers));
    }

    [Fact]
    public void IsMatch_NoCookieHeader_False()
    {
        Assert.False(CookieMatcher.Create(Is("canary", "always"), []).IsMatch(new HeaderDictionary()));
    }

    [Fact]
    public void Match_RuleWithCookie_OnlyMatchingRequestsTakeIt()
    {
        var rule = Rule("cookie") with { Match = new RouteMatch { Cookies = [Is("canary", "always")] } };
        var table = RouteTable.Build(Listener(Host("any", null, rule, Rule("fallback"))));

        Assert.Equal("cookie", table.Match(new RouteRequest("h", "/", "GET", new HeaderDictionary { ["Cookie"] = "canary=always" }, null))?.Rule.Id);
        Assert.Equal("fallback", table.Match(new RouteRequest("h", "/", "GET", new HeaderDictionary(), null))?.Rule.Id);
    }
}
