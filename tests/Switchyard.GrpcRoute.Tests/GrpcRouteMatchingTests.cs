using Grpc.Core;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>GRPCRoute matches through the gateway with real gRPC clients and servers: service, method, headers.</summary>
[Collection(GrpcCollection.Name)]
public sealed class GrpcRouteMatchingTests(GrpcBackends backends)
{
    private string Manifests => GrpcGateway.H2cGateway + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: methods, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [grpc.example.com]
          rules:
          - matches: [{method: {service: switchyard.test.echo.v1.Echo, method: Say}}]
            backendRefs: [{name: v1, port: 9000}]
          - matches: [{method: {service: switchyard.test.echo.v1.Echo}}]
            backendRefs: [{name: v2, port: 9000}]
          - matches: [{method: {type: RegularExpression, service: 'switchyard\.test\.echo\.v[0-9]+\.Adm.*', method: '(Get|List)Items'}}]
            backendRefs: [{name: v3, port: 9000}]
          - matches: [{method: {method: Delete}}]
            backendRefs: [{name: v1, port: 9000}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: headers, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [headers.example.com]
          rules:
          - matches: [{headers: [{name: version, value: one}]}]
            backendRefs: [{name: v1, port: 9000}]
          - matches: [{headers: [{name: version, value: two}]}]
            backendRefs: [{name: v2, port: 9000}]
          - matches: [{headers: [{name: version, value: two}, {name: color, value: orange}]}]
            backendRefs: [{name: v1, port: 9000}]
          - matches: [{headers: [{name: color, value: blue}]}, {headers: [{name: color, value: green}]}]
            backendRefs: [{name: v1, port: 9000}]
          - matches: [{headers: [{name: x-tenant, type: RegularExpression, value: 'team-[0-9]+'}]}]
            backendRefs: [{name: v3, port: 9000}]
        """ + backends.Services();

    [Theory]
    [InlineData("Echo/Say", "v1")]
    [InlineData("Echo/SayAgain", "v2")]
    [InlineData("Admin/GetItems", "v3")]
    [InlineData("Admin/ListItems", "v3")]
    [InlineData("Admin/Delete", "v1")]
    public async Task Method_ExactPrefixAndRegex_ReachTheirBackends(string method, string backend)
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        var channel = gateway.Channel("grpc.example.com");

        var reply = await Calls.CallAsync(channel, method);

        Assert.Equal(backend, reply.Backend);
        Assert.Equal("/switchyard.test.echo.v1." + method, reply.Method);
        Assert.Equal("grpc.example.com", reply.Authority);
    }

    [Fact]
    public async Task ServerStreaming_ThroughTheGateway_AllRepliesArrive()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        var client = new Echo.Echo.EchoClient(gateway.Channel("grpc.example.com"));

        using var call = client.Count(new Echo.EchoRequest { Count = 5 }, deadline: DateTime.UtcNow.AddSeconds(20));
        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal("v2", reply.Backend);
            indexes.Add(reply.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [InlineData("v1", "version=one")]
    [InlineData("v2", "version=two")]
    [InlineData("v1", "version=two", "color=orange")]
    [InlineData("v2", "version=two", "color=blue")]
    [InlineData("v1", "color=green")]
    [InlineData("v3", "x-tenant=team-42")]
    [InlineData("Unimplemented", "color=orange")]
    [InlineData("Unimplemented", "x-tenant=team-x")]
    [InlineData("Unimplemented", "some-other-header=one")]
    public async Task Headers_ExactAndRegex_MostHeadersThenFirstRuleWins(string expected, params string[] metadata)
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        var channel = gateway.Channel("headers.example.com");
        var headers = metadata.Select(m => m.Split('=')).Select(p => (p[0], p[1])).ToArray();

        // Header rules match whatever the service and method.
        Assert.Equal(expected, await Calls.BackendAsync(channel, "Echo/Say", headers));
        Assert.Equal(expected, await Calls.BackendAsync(channel, "Admin/Delete", headers));
    }

    [Theory]
    [InlineData("grpc.example.com", "Echo/Say", "v1")]
    [InlineData("other.example.com", "Echo/Say", "Unimplemented")]
    public async Task NoMatchingHostOrRule_Unimplemented(string authority, string method, string expected)
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        Assert.Equal(expected, await Calls.BackendAsync(gateway.Channel(authority), method));
    }
}
