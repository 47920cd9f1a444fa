using System.Net;
using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class SourceRangeListTests
{
    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("192.0.2.255", true)]
    [InlineData("192.0.3.1", false)]
    [InlineData("::ffff:192.0.2.7", true)]
    [InlineData("::ffff:198.51.100.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db8::2", false)]
    [InlineData("2001:db8:1::", true)]
    [InlineData("2001:db9::", false)]
    [InlineData("203.0.113.9", true)]
    [InlineData("203.0.113.10", false)]
    public void Allows_Address_InsideSomeRange(string address, bool expected)
    {
        var list = SourceRangeList.Create(["192.0.2.0/24", "2001:db8::1/128", "2001:db8:1::/48", "203.0.113.9/32"], [])!;

        Assert.Equal(expected, list.Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allows_ZeroPrefix_EveryoneOfThatFamily()
    {
        var list = SourceRangeList.Create(["0.0.0.0/0"], [])!;

        Assert.True(list.Allows(IPAddress.Parse("198.51.100.1")));
        Assert.False(list.Allows(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Create_Empty_NullMeansEveryone() => Assert.Null(SourceRangeList.Create([], []));

    [Fact]
    public void Create_UnreadableEntry_MatchesNobodyAndIsReported()
    {
        var problems = new List<string>();

        var list = SourceRangeList.Create(["not-a-cidr"], problems)!;

        Assert.False(list.Allows(IPAddress.Parse("192.0.2.1")));
        Assert.Single(problems);
    }

    [Fact]
    public void Allows_NoAddress_False() => Assert.False(SourceRangeList.Create(["0.0.0.0/0"], [])!.Allows(null));
}
