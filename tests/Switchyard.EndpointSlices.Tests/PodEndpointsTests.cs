namespace Switchyard.EndpointSlices.Tests;

public sealed class PodEndpointsTests
{
    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("192.0.2.010", false)]
    [InlineData("192.0.2.256", false)]
    [InlineData("192.0.2", false)]
    [InlineData("192.0.2.1.5", false)]
    [InlineData("192.0..2", false)]
    [InlineData("192.0.2.", false)]
    [InlineData(".192.0.2", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsCanonicalIPv4_Text_MatchesFormatting(string? text, bool expected)
    {
        Assert.Equal(expected, PodEndpoints.IsCanonicalIPv4(text));
    }

    [Theory]
    [InlineData("192.0.2.010", "192.0.2.10")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    public void Addresses_IrregularIPv4_Reformatted(string podIP, string expected)
    {
        var addresses = PodEndpoints.Addresses(new k8s.Models.V1PodStatus { PodIP = podIP }, "IPv4");

        Assert.Equal([expected], addresses);
    }

    [Theory]
    [InlineData("2001:DB8:0:0::A", "2001:db8::a")]
    public void Addresses_IPv6_Canonical(string podIP, string expected)
    {
        Assert.Equal([expected], PodEndpoints.Addresses(new k8s.Models.V1PodStatus { PodIP = podIP }, "IPv6"));
        Assert.Empty(PodEndpoints.Addresses(new k8s.Models.V1PodStatus { PodIP = podIP }, "IPv4"));
    }
}
