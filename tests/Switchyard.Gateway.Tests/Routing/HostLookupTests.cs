using Switchyard.Gateway.Routing;

namespace Switchyard.Gateway.Tests.Routing;

public sealed class HostLookupTests
{
    [Theory]
    [InlineData("bar.foo.com", "single")]
    [InlineData("BAR.Foo.com", "single")]
    [InlineData("baz.bar.foo.com", null)]
    [InlineData("foo.com", null)]
    [InlineData(".foo.com", null)]
    public void Find_SingleLabelWildcard_MatchesExactlyOneLabel(string host, string? expected)
    {
        var lookup = HostLookup<string>.Build([new HostEntry<string>("*.foo.com", SingleLabel: true, "single")]);

        Assert.Equal(expected, lookup.Find(host));
    }

    [Theory]
    [InlineData("bar.foo.com", "single")]
    [InlineData("baz.bar.foo.com", "any")]
    [InlineData("x.y.z.foo.com", "any")]
    public void Find_BothWildcardKindsOnOneSuffix_SingleLabelFirstThenAnyDepth(string host, string expected)
    {
        var lookup = HostLookup<string>.Build(
        [
            new HostEntry<string>("*.foo.com", SingleLabel: false, "any"),
            new HostEntry<string>("*.foo.com", SingleLabel: true, "single"),
        ]);

        Assert.Equal(expected, lookup.Find(host));
    }

    [Fact]
    public void Find_SingleLabelMisses_LongerAnyDepthSuffixOrCatchAllAnswers()
    {
        var lookup = HostLookup<string>.Build(
        [
            new HostEntry<string>("*.bar.foo.com", SingleLabel: true, "deep-single"),
            new HostEntry<string>("*.foo.com", SingleLabel: false, "shallow-any"),
            new HostEntry<string>(null, SingleLabel: false, "catch-all"),
        ]);

        Assert.Equal("deep-single", lookup.Find("a.bar.foo.com"));
        Assert.Equal("shallow-any", lookup.Find("a.b.bar.foo.com"));
        Assert.Equal("catch-all", lookup.Find("example.org"));
    }

    [Fact]
    public void VisitMatches_SingleLabelWildcard_VisitedOnlyForOneLabel()
    {
        var lookup = HostLookup<string>.Build(
        [
            new HostEntry<string>("a.foo.com", SingleLabel: false, "exact"),
            new HostEntry<string>("*.foo.com", SingleLabel: true, "single"),
            new HostEntry<string>(null, SingleLabel: false, "catch-all"),
        ]);

        Assert.Equal(["exact", "single", "catch-all"], Visit(lookup, "a.foo.com"));
        Assert.Equal(["catch-all"], Visit(lookup, "b.a.foo.com"));
    }

    private static List<string> Visit(HostLookup<string> lookup, string host)
    {
        var visitor = new Collect { Seen = [] };
        lookup.VisitMatches(host, ref visitor);
        return visitor.Seen;
    }

    private struct Collect : IHostVisitor<string>
    {
        public List<string> Seen;

        public readonly bool Visit(string value)
        {
            Seen.Add(value);
            return true;
        }
    }
}
