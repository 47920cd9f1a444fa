using Switchyard.Translation.Ingress.Annotations;

namespace Switchyard.Translation.Tests.Ingress;

public sealed class NginxValuesTests
{
    [Theory]
    [InlineData("8m", 8L * 1024 * 1024)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("100", 100L)]
    [InlineData(" 2K ", 2048L)]
    [InlineData("0", null)]
    public void TrySize_NginxSizes_Bytes(string text, long? expected)
    {
        Assert.True(NginxValues.TrySize(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("8mb")]
    [InlineData("-1")]
    [InlineData("m")]
    [InlineData("")]
    [InlineData("99999999999999999999g")]
    public void TrySize_NotASize_False(string text) => Assert.False(NginxValues.TrySize(text, out _));

    [Fact]
    public void Cidrs_Mixed_CanonicalAndInvalidReported()
    {
        var invalid = new List<string>();

        var cidrs = NginxValues.Cidrs("192.0.2.7/24, 198.51.100.1, 2001:db8::1, 2001:db8:ffff::/32, 10, 192.0.2.0/33, x, 192.0.2.0/24", invalid);

        Assert.Equal(["192.0.2.0/24", "198.51.100.1/32", "2001:db8::1/128", "2001:db8::/32"], cidrs);
        Assert.Equal(["10", "192.0.2.0/33", "x"], invalid);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("1", true)]
    public void TryBool_GoSyntax_Parsed(string text, bool expected)
    {
        Assert.True(NginxValues.TryBool(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("60", 60)]
    [InlineData("5s", 5)]
    public void TrySeconds_WholeSeconds_Parsed(string text, int seconds)
    {
        Assert.True(NginxValues.TrySeconds(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("soon")]
    public void TrySeconds_NotPositiveWholeSeconds_False(string text) => Assert.False(NginxValues.TrySeconds(text, out _));
}
