using Switchyard.Ir;
using Switchyard.Translation.Ingress;

namespace Switchyard.Translation.Tests.Ingress;

public sealed class IngressPathsTests
{
    [Theory]
    [InlineData("/foo", "Exact", false, PathMatchType.Exact, "/foo", "exact:/foo")]
    [InlineData("/foo/", "Prefix", false, PathMatchType.Prefix, "/foo", "prefix:/foo")]
    [InlineData("/", "Prefix", false, PathMatchType.Prefix, "/", "prefix:/")]
    [InlineData("/foo/", "ImplementationSpecific", false, PathMatchType.Prefix, "/foo", "prefix:/foo")]
    [InlineData(null, "ImplementationSpecific", false, PathMatchType.Prefix, "/", "prefix:/")]
    [InlineData("/a(/|$)(.*)", "ImplementationSpecific", true, PathMatchType.RegularExpression, "(?:/a(/|$)(.*)).*", "regex:/a(/|$)(.*)")]
    [InlineData("/foo", "Prefix", true, PathMatchType.Prefix, "/foo", "prefix:/foo")]
    public void Create_PathType_Match(string? value, string type, bool regex, PathMatchType expectedType, string expectedValue, string expectedKey)
    {
        var path = IngressPaths.Create(value, type, regex, out var problem);

        Assert.Null(problem);
        Assert.Equal(expectedType, path!.Type);
        Assert.Equal(expectedValue, path.Match.Path.Value);
        Assert.Equal(expectedType == PathMatchType.RegularExpression, path.Match.Path.IgnoreCase);
        Assert.Equal(expectedKey, path.Key);
    }

    [Fact]
    public void Create_UnsupportedRegex_Problem()
    {
        Assert.Null(IngressPaths.Create("/(?<=a)b", "ImplementationSpecific", true, out var problem));
        Assert.NotNull(problem);
    }
}
