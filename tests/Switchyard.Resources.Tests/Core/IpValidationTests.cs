using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class IpValidationTests
{
    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("010.000.000.001", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:DB8:0:0:0:0:0:1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::", true)]
    [InlineData("1", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.256", false)]
    [InlineData("0x7f.0.0.1", false)]
    [InlineData("10.0.0.1 ", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("[2001:db8::1]", false)]
    [InlineData("", false)]
    public void TryParseSloppy_AsGoParseIPSloppy(string value, bool valid) =>
        Assert.Equal(valid, IpValidation.TryParseSloppy(value, out _));

    [Fact]
    public void TryParseSloppy_Ipv4Mapped_IsIpv4()
    {
        Assert.True(IpValidation.TryParseSloppy("::ffff:10.0.0.1", out var ip));
        Assert.True(IpValidation.IsIPv4(ip));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.1.2.3/8", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/-1", false)]
    public void TryParseCidrSloppy_AsGoParseCIDRSloppy(string value, bool valid) =>
        Assert.Equal(valid, IpValidation.TryParseCidrSloppy(value, out _, out _));

    [Fact]
    public void ValidateIpForLegacyField_Invalid_ApiMessage()
    {
        var ctx = new ValidationContext();
        Assert.False(IpValidation.ValidateIpForLegacyField(ctx, "spec.clusterIPs[0]", "10.0.0.300"));
        Validate.Error(ctx.Errors, "spec.clusterIPs[0]", "Invalid value: \"10.0.0.300\": " + Expected.InvalidIp);
    }

    [Theory]
    [InlineData("0.0.0.0", "may not be unspecified (0.0.0.0)")]
    [InlineData("::", "may not be unspecified (::)")]
    [InlineData("127.0.0.1", "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData("::1", "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData("169.254.1.1", "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    [InlineData("fe80::1", "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    [InlineData("224.0.0.5", "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")]
    [InlineData("ff02::1", "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")]
    public void ValidateNonSpecialIp_Special_Invalid(string value, string message)
    {
        var ctx = new ValidationContext();
        IpValidation.ValidateNonSpecialIp(ctx, "p", value);
        Validate.Error(ctx.Errors, "p", $"Invalid value: \"{value}\": {message}");
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void ValidateNonSpecialIp_Ordinary_NoErrors(string value)
    {
        var ctx = new ValidationContext();
        IpValidation.ValidateNonSpecialIp(ctx, "p", value);
        Assert.Empty(ctx.Errors);
    }

    [Theory]
    [InlineData(new[] { "10.0.0.1", "2001:db8::1" }, true)]
    [InlineData(new[] { "10.0.0.1", "10.0.0.2" }, false)]
    [InlineData(new[] { "2001:db8::1" }, false)]
    public void IsDualStack_NeedsBothFamilies(string[] values, bool dualStack) =>
        Assert.Equal(dualStack, IpValidation.IsDualStack(values));
}
