using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Routing;

public sealed class RedirectBuilderTests
{
    [Theory]
    // Scheme only: the scheme's well-known port, omitted from the Location.
    [InlineData("https", null, null, null, null, 80, "/a?x=1", "https://example.com/a?x=1")]
    [InlineData("http", null, null, null, null, 8443, "/a", "http://example.com/a")]
    // Nothing but the hostname: the listener port is kept unless it is the default.
    [InlineData(null, "other.org", null, null, null, 8080, "/a", "http://other.org:8080/a")]
    [InlineData(null, "other.org", null, null, null, 80, "/a", "http://other.org/a")]
    // Explicit port: shown unless it is the scheme's default.
    [InlineData(null, null, 8081, null, null, 80, "/a", "http://example.com:8081/a")]
    [InlineData("https", null, 443, null, null, 80, "/a", "https://example.com/a")]
    [InlineData("https", null, 8443, null, null, 80, "/a", "https://example.com:8443/a")]
    // Paths.
    [InlineData(null, null, null, "full", "/new", 80, "/old/x?q=1", "http://example.com/new?q=1")]
    [InlineData(null, null, null, "prefix", "/new", 80, "/old/x?q=1", "http://example.com/new/x?q=1")]
    [InlineData(null, null, null, "prefix", "/", 80, "/old", "http://example.com/")]
    [InlineData(null, null, null, null, null, 80, "/with space", "http://example.com/with%20space")]
    public void BuildLocation_GatewayApiRules_ProducesExactLocation(
        string? scheme, string? hostname, int? port, string? pathType, string? pathValue, int listenerPort, string target, string expected)
    {
        var redirect = new Redirect
        {
            Scheme = scheme,
            Hostname = hostname,
            Port = port,
            Path = pathType is null ? null : new PathRewrite
            {
                Type = pathType == "full" ? PathRewriteType.ReplaceFullPath : PathRewriteType.ReplacePrefixMatch,
                Value = pathValue!,
            },
        };
        var queryAt = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? target : target[..queryAt];
        var query = queryAt < 0 ? null : target[queryAt..];

        var location = RedirectBuilder.BuildLocation(redirect, "http", "example.com", listenerPort, path, query, "/old");

        Assert.Equal(expected, location);
    }

    [Theory]
    [InlineData("https://new.example.com/", "http", "example.com:8080", "https://new.example.com/")]
    [InlineData("/app1", "http", "example.com:8080", "http://example.com:8080/app1")]
    [InlineData("/app1", "https", "example.com", "https://example.com/app1")]
    public void BuildLocation_FixedLocation_AsGivenNoPathOrQueryCarried(string location, string scheme, string authority, string expected)
    {
        var redirect = new Redirect { Location = location, StatusCode = 301 };

        var actual = RedirectBuilder.BuildLocation(redirect, scheme, "example.com", 8080, "/old/path", "?q=1", string.Empty, authority);

        Assert.Equal(expected, actual);
    }
}
