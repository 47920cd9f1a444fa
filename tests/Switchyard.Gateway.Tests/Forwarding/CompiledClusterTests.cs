using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class CompiledClusterTests
{
    [Fact]
    public void PickEndpoint_NoEndpoints_ReturnsNull()
    {
        using var registry = new ClusterRegistry(new GatewayDataPlaneOptions(), TimeProvider.System);
        var cluster = registry.Update([TestIr.Cluster("c")])["c"];

        Assert.Null(cluster.PickEndpoint(TimeProvider.System));
    }

    [Fact]
    public void PickEndpoint_OneUnhealthy_NeverPickedWhileOthersHealthy()
    {
        var time = new FakeTimeProvider();
        var cluster = Cluster(time, 3);
        cluster.Endpoints[1].ReportConnectFailure(time, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

        for (var i = 0; i < 1000; i++)
        {
            Assert.NotSame(cluster.Endpoints[1], cluster.PickEndpoint(time));
        }

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Contains(cluster.Endpoints[1], Enumerable.Range(0, 1000).Select(_ => cluster.PickEndpoint(time)));
    }

    [Fact]
    public void PickEndpointForRetry_AnotherEndpointThanThePrevious()
    {
        var time = new FakeTimeProvider();
        var cluster = Cluster(time, 3);
        var previous = cluster.Endpoints[0];

        for (var i = 0; i < 500; i++)
        {
            Assert.NotSame(previous, cluster.PickEndpoint(time, previous));
        }
    }

    [Fact]
    public void PickEndpointForRetry_OthersEjected_ThePreviousAgain()
    {
        var time = new FakeTimeProvider();
        var cluster = Cluster(time, 2);
        cluster.Endpoints[1].ReportConnectFailure(time, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

        Assert.Same(cluster.Endpoints[0], cluster.PickEndpoint(time, cluster.Endpoints[0]));
    }

    [Fact]
    public void PickEndpoint_AllUnhealthy_StillPicksOne()
    {
        var time = new FakeTimeProvider();
        var cluster = Cluster(time, 2);
        foreach (var endpoint in cluster.Endpoints)
        {
            endpoint.ReportConnectFailure(time, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        }

        Assert.NotNull(cluster.PickEndpoint(time));
    }

    [Fact]
    public void PickEndpoint_TwoEndpoints_PrefersFewerInFlight()
    {
        var time = new FakeTimeProvider();
        var cluster = Cluster(time, 2);
        cluster.Endpoints[0].Enter();

        for (var i = 0; i < 100; i++)
        {
            Assert.Same(cluster.Endpoints[1], cluster.PickEndpoint(time));
        }
    }

    [Fact]
    public void Update_SameClusterAgain_ReusesInvokerAndEndpointState()
    {
        using var registry = new ClusterRegistry(new GatewayDataPlaneOptions(), TimeProvider.System);
        var first = registry.Update([TestIr.Cluster("c", BackendProtocol.Http1, Endpoint(1), Endpoint(2))])["c"];

        var second = registry.Update([TestIr.Cluster("c", BackendProtocol.Http1, Endpoint(2), Endpoint(3))])["c"];
        var third = registry.Update([TestIr.Cluster("c", BackendProtocol.H2C, Endpoint(2))])["c"];

        Assert.Same(first.State, second.State);
        Assert.Same(first.Endpoints[1], second.Endpoints[0]);
        Assert.NotSame(second.State, third.State);
    }

    private static CompiledCluster Cluster(TimeProvider time, int endpoints)
    {
        var registry = new ClusterRegistry(new GatewayDataPlaneOptions(), time);
        return registry.Update([TestIr.Cluster("c", BackendProtocol.Http1, [.. Enumerable.Range(1, endpoints).Select(Endpoint)])])["c"];
    }

    private static IPEndPoint Endpoint(int i) => new(IPAddress.Parse("192.0.2." + i), 8080);
}
