using Switchyard.Gateway.Routing;

namespace Switchyard.Gateway.Tests.Routing;

public sealed class PathRewriterTests
{
    // The ReplacePrefixMatch table of the Gateway API (HTTPPathModifier), plus root and no-leading-slash cases.
    [Theory]
    [InlineData("/foo/bar", "/foo", "/xyz", "/xyz/bar")]
    [InlineData("/foo/bar", "/foo", "/xyz/", "/xyz/bar")]
    [InlineData("/foo/bar", "/foo/", "/xyz", "/xyz/bar")]
    [InlineData("/foo/bar", "/foo/", "/xyz/", "/xyz/bar")]
    [InlineData("/foo", "/foo", "/xyz", "/xyz")]
    [InlineData("/foo/", "/foo", "/xyz", "/xyz/")]
    [InlineData("/foo/bar", "/foo", "", "/bar")]
    [InlineData("/foo/", "/foo", "", "/")]
    [InlineData("/foo", "/foo", "", "/")]
    [InlineData("/foo/", "/foo", "/", "/")]
    [InlineData("/foo", "/foo", "/", "/")]
    [InlineData("/foo/bar", "/foo", "/", "/bar")]
    [InlineData("/foo/bar/baz", "/foo/bar", "/x", "/x/baz")]
    [InlineData("/anything", "/", "/xyz", "/xyz/anything")]
    [InlineData("/", "/", "/xyz", "/xyz/")]
    [InlineData("/foo/bar", "/foo", "xyz", "/xyz/bar")]
    public void ReplacePrefixMatch_GatewayApiTable_ProducesExpectedPath(string path, string prefix, string replacement, string expected)
    {
        Assert.Equal(expected, PathRewriter.ReplacePrefixMatch(path, prefix, replacement));
    }

    [Theory]
    [InlineData("http", 80)]
    [InlineData("HTTPS", 443)]
    [InlineData("ftp", null)]
    public void DefaultPort_KnownSchemes_ReturnsWellKnownPort(string scheme, int? expected)
    {
        Assert.Equal(expected, PathRewriter.DefaultPort(scheme));
    }
}
