using Switchyard.Translation.GatewayApi;

namespace Switchyard.Translation.Tests.GatewayApi;

public sealed class GatewayDurationsTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0s", 0)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    public void TryParse_Gep2257Duration_Milliseconds(string text, long milliseconds)
    {
        Assert.True(GatewayDurations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1.5s")]
    [InlineData("10 s")]
    [InlineData("-1s")]
    [InlineData("123456s")]
    [InlineData("1d")]
    [InlineData("1h1m1s1ms1h")]
    [InlineData("s")]
    public void TryParse_NotGep2257_False(string text)
    {
        Assert.False(GatewayDurations.TryParse(text, out _));
    }
}
