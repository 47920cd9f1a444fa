using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class UrlRewritePlanTests
{
    [Theory]
    [InlineData("(?i)/something(/|$)(.*)", "/$2", "/something", "/")]
    [InlineData("(?i)/something(/|$)(.*)", "/$2", "/something/", "/")]
    [InlineData("(?i)/something(/|$)(.*)", "/$2", "/something/new", "/new")]
    [InlineData("(?i)/something(/|$)(.*)", "/$2", "/SOMETHING/new", "/new")]
    [InlineData("(?i)/strip", "/", "/strip/a/b", "/")]
    [InlineData("/api/(v[0-9]+)/(.*)", "/$2?ignored", "/api/v2/users", "/users?ignored")]
    [InlineData("/api/(v[0-9]+)/(.*)", "/$1", "/other", "/other")]
    [InlineData("/(.*)", "$1", "/rel", "/rel")]
    [InlineData("(?i)/exact", "/$2", "/exact", "/")]
    [InlineData("/(a)", "/$1$3/x", "/a", "/a/x")]
    public void RewritePath_RegexReplace_WholePathFromTheTarget(string pattern, string target, string path, string expected)
    {
        var plan = UrlRewritePlan.Create(new UrlRewrite { Path = new PathRewrite { Type = PathRewriteType.RegexReplace, Pattern = pattern, Value = target } }, string.Empty, []);

        Assert.Equal(expected, plan.RewritePath(path));
    }

    [Fact]
    public void Create_InvalidPattern_PathKeptAndProblemReported()
    {
        var problems = new List<string>();

        var plan = UrlRewritePlan.Create(new UrlRewrite { Path = new PathRewrite { Type = PathRewriteType.RegexReplace, Pattern = "(?<=x)y", Value = "/" } }, string.Empty, problems);

        Assert.Equal("/a", plan.RewritePath("/a"));
        Assert.Single(problems);
    }
}
