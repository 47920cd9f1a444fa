using Microsoft.Extensions.Time.Testing;
using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class EndpointStateTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    [Fact]
    public void ReportConnectFailure_Repeated_BackoffDoublesUpToMax()
    {
        var time = new FakeTimeProvider();
        var endpoint = new EndpointState("http", "10.0.0.1", 80);

        var backoffs = Enumerable.Range(0, 6).Select(_ => endpoint.ReportConnectFailure(time, Base, Max).TotalSeconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 60, 60], backoffs);
    }

    [Fact]
    public void IsHealthy_AfterFailure_UnhealthyUntilBackoffElapses()
    {
        var time = new FakeTimeProvider();
        var endpoint = new EndpointState("http", "10.0.0.1", 80);

        endpoint.ReportConnectFailure(time, Base, Max);

        Assert.False(endpoint.IsHealthy(time.GetTimestamp()));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(endpoint.IsHealthy(time.GetTimestamp()));
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(endpoint.IsHealthy(time.GetTimestamp()));
    }

    [Fact]
    public void ReportSuccess_AfterFailures_ResetsBackoffAndHealth()
    {
        var time = new FakeTimeProvider();
        var endpoint = new EndpointState("http", "10.0.0.1", 80);
        endpoint.ReportConnectFailure(time, Base, Max);
        endpoint.ReportConnectFailure(time, Base, Max);

        endpoint.ReportSuccess();

        Assert.True(endpoint.IsHealthy(time.GetTimestamp()));
        Assert.Equal(5, endpoint.ReportConnectFailure(time, Base, Max).TotalSeconds);
    }

    [Theory]
    [InlineData("http", "10.0.0.1", 8080, "http://10.0.0.1:8080/")]
    [InlineData("https", "2001:db8::1", 443, "https://[2001:db8::1]:443/")]
    public void DestinationPrefix_AddressFamilies_FormattedForUris(string scheme, string address, int port, string expected)
    {
        Assert.Equal(expected, new EndpointState(scheme, address, port).DestinationPrefix);
    }
}
