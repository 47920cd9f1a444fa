using Switchyard.Translation.Ingress;

namespace Switchyard.Translation.Tests.Ingress;

public sealed class IngressHostsTests
{
    [Theory]
    [InlineData("*.foo.com", "bar.foo.com", true)]
    [InlineData("*.foo.com", "BAR.foo.com", true)]
    [InlineData("*.foo.com", "baz.bar.foo.com", false)]
    [InlineData("*.foo.com", "foo.com", false)]
    [InlineData("*.foo.com", "*.foo.com", true)]
    [InlineData("*.foo.com", "*.bar.foo.com", false)]
    [InlineData("foo.com", "foo.com", true)]
    [InlineData("foo.com", "a.foo.com", false)]
    public void Covers_SingleLabelWildcard(string pattern, string host, bool expected) =>
        Assert.Equal(expected, IngressHosts.Covers(pattern, host));
}
