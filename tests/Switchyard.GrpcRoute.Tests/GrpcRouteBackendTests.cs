using Grpc.Core;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>Weighted backendRefs, and the gRPC statuses clients get when a call has no backend to go to.</summary>
[Collection(GrpcCollection.Name)]
public sealed class GrpcRouteBackendTests(GrpcBackends backends)
{
    private string Manifests => GrpcGateway.H2cGateway + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: weighted, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [weighted.example.com]
          rules:
          - backendRefs:
            - {name: v1, port: 9000, weight: 70}
            - {name: v2, port: 9000, weight: 30}
            - {name: v3, port: 9000, weight: 0}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: broken, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [broken.example.com]
          rules:
          - matches: [{method: {service: switchyard.test.echo.v1.Echo, method: Say}}]
            backendRefs: [{name: idle, port: 9000}]
          - matches: [{method: {service: switchyard.test.echo.v1.Echo, method: SayAgain}}]
            backendRefs: [{name: missing, port: 9000}]
          - matches: [{method: {service: switchyard.test.echo.v1.Admin}}]
            backendRefs:
            - {name: v1, port: 9000}
            - {name: missing, port: 9000}
        """ + backends.Services();

    [Fact]
    public async Task Weights_CallsSplitInProportion_WeightZeroNeverChosen()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        var channel = gateway.Channel("weighted.example.com");
        const int total = 400;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < total; i++)
        {
            var backend = await Calls.BackendAsync(channel, "Echo/Say");
            counts[backend] = counts.GetValueOrDefault(backend) + 1;
        }

        // 70/30 with 400 calls: the standard deviation is about 9 calls, so ±40 is over 4 of them.
        Assert.InRange(counts.GetValueOrDefault("v1"), 240, 320);
        Assert.InRange(counts.GetValueOrDefault("v2"), 80, 160);
        Assert.Equal(total, counts.GetValueOrDefault("v1") + counts.GetValueOrDefault("v2"));
    }

    [Fact]
    public async Task ServiceWithoutEndpoints_Unavailable()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        var failure = await Calls.FailureAsync(gateway.Channel("broken.example.com"), "Echo/Say");

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal("no backend endpoint available", failure.Status.Detail);
    }

    [Fact]
    public async Task BackendNotFound_UnavailableAndResolvedRefsFalse()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        var failure = await Calls.FailureAsync(gateway.Channel("broken.example.com"), "Echo/SayAgain");

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        var resolved = Assert.Single(gateway.RouteStatus("GRPCRoute", "broken").Parents).Conditions.Single(c => c.Type == "ResolvedRefs");
        Assert.Equal(("False", "BackendNotFound"), (resolved.Status, resolved.Reason));
    }

    [Fact]
    public async Task OneOfTwoBackendsInvalid_ItsShareUnavailable_RestServed()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        var channel = gateway.Channel("broken.example.com");
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200 && outcomes.Count < 2; i++)
        {
            outcomes.Add(await Calls.BackendAsync(channel, "Admin/GetItems"));
        }

        Assert.Equal(["Unavailable", "v1"], outcomes.Order(StringComparer.Ordinal));
    }
}
