using Switchyard.Translation.GatewayApi;

namespace Switchyard.Translation.Tests.GatewayApi;

public sealed class HostnamesTests
{
    [Theory]
    [InlineData("foo.example.com", "foo.example.com", "foo.example.com")]
    [InlineData("foo.example.com", "bar.example.com", null)]
    [InlineData("*.example.com", "foo.example.com", "foo.example.com")]
    [InlineData("foo.example.com", "*.example.com", "foo.example.com")]
    [InlineData("*.example.com", "foo.bar.example.com", "foo.bar.example.com")]
    [InlineData("*.example.com", "example.com", null)]
    [InlineData("*.example.com", "fooexample.com", null)]
    [InlineData("*.example.com", "*.example.com", "*.example.com")]
    [InlineData("*.example.com", "*.foo.example.com", "*.foo.example.com")]
    [InlineData("*.foo.example.com", "*.example.com", "*.foo.example.com")]
    [InlineData("*.example.com", "*.example.org", null)]
    [InlineData("*.io", "*.wildcard.io", "*.wildcard.io")]
    [InlineData("*.wildcard.io", "wildcard.io", null)]
    [InlineData("*.specific.com", "very.specific.com", "very.specific.com")]
    public void Intersect_TwoPatterns_MoreSpecificSharedPattern(string a, string b, string? expected)
    {
        Assert.Equal(expected, Hostnames.Intersect(a, b));
        Assert.Equal(expected, Hostnames.Intersect(b, a));
    }

    [Fact]
    public void ForRoute_NeitherSideRestricts_AnyHost()
    {
        Assert.Empty(Hostnames.ForRoute(null, [])!);
    }

    [Fact]
    public void ForRoute_RouteWithoutHostnames_ServesListenerHostname()
    {
        Assert.Equal(["*.example.com"], Hostnames.ForRoute("*.example.com", [])!);
    }

    [Fact]
    public void ForRoute_SomeRouteHostnamesMatch_KeepsOnlyIntersectionsInRouteOrder()
    {
        var served = Hostnames.ForRoute("*.wildcard.io", ["non.matching.com", "wildcard.io", "foo.wildcard.io", "*.io", "foo.wildcard.io"]);
        Assert.Equal(["foo.wildcard.io", "*.wildcard.io"], served!);
    }

    [Fact]
    public void ForRoute_NoRouteHostnameMatches_Null()
    {
        Assert.Null(Hostnames.ForRoute("foo.example.com", ["bar.example.com", "*.example.org"]));
    }

    [Fact]
    public void CompareSpecificity_MixedHostnames_ExactThenDeeperWildcardThenWildcardThenAny()
    {
        string?[] hostnames = [null, "*.example.com", "a.example.com", "*.very-long-domain-name.com", "*.eu.example.com"];
        var sorted = hostnames.Order(Comparer<string?>.Create(Hostnames.CompareSpecificity)).Select(h => h ?? "(any)").ToArray();
        Assert.Equal(["a.example.com", "*.eu.example.com", "*.very-long-domain-name.com", "*.example.com", "(any)"], sorted);
    }

    [Theory]
    [InlineData(null, "foo.example.com", true)]
    [InlineData("*.example.com", "foo.example.com", true)]
    [InlineData("*.eu.example.com", "shop.example.com", false)]
    [InlineData("foo.example.com", "foo.example.org", false)]
    public void Overlap_TwoListenerHostnames_TrueWhenSomeHostMatchesBoth(string? a, string? b, bool expected)
    {
        Assert.Equal(expected, Hostnames.Overlap(a, b));
    }
}
