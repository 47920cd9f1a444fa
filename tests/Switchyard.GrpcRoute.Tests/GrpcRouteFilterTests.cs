namespace Switchyard.GrpcRoute.Tests;

/// <summary>GRPCRoute filters through the gateway: request and response header modifiers (rule and backendRef level), mirrors.</summary>
[Collection(GrpcCollection.Name)]
public sealed class GrpcRouteFilterTests(GrpcBackends backends)
{
    private string Manifests => GrpcGateway.H2cGateway + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: filters, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          rules:
          - matches: [{method: {service: switchyard.test.echo.v1.Echo}}]
            filters:
            - type: RequestHeaderModifier
              requestHeaderModifier:
                set: [{name: x-set, value: gateway}]
                add: [{name: x-add, value: added}]
                remove: [x-remove]
            - type: ResponseHeaderModifier
              responseHeaderModifier:
                add: [{name: x-served-by, value: switchyard}]
                remove: [x-remove-me]
            backendRefs:
            - name: v1
              port: 9000
              filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  set: [{name: x-chosen, value: v1}]
          - matches: [{method: {service: switchyard.test.echo.v1.Admin}}]
            filters:
            - type: RequestMirror
              requestMirror:
                backendRef: {name: mirror, port: 9000}
            backendRefs: [{name: v2, port: 9000}]
        """ + backends.Services();

    [Fact]
    public async Task RequestHeaderModifier_SetAddRemove_BackendSeesModifiedMetadata()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        var reply = await Calls.CallAsync(gateway.Channel("grpc.example.com"), "Echo/Say", ("x-set", "client"), ("x-add", "client"), ("x-remove", "gone"), ("x-keep", "kept"));

        Assert.Equal("v1", reply.Backend);
        Assert.Equal("gateway", reply.Headers["x-set"]);
        Assert.Equal(["client", "added"], reply.Headers["x-add"].Split(',').Select(v => v.Trim()));
        Assert.False(reply.Headers.ContainsKey("x-remove"));
        Assert.Equal("kept", reply.Headers["x-keep"]);
        Assert.Equal("v1", reply.Headers["x-chosen"]);
    }

    [Fact]
    public async Task ResponseHeaderModifier_AddRemove_ClientSeesModifiedResponseHeaders()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        var (_, headers) = await Calls.CallWithHeadersAsync(gateway.Channel("grpc.example.com"), "Echo/Say");

        Assert.Equal("switchyard", headers.GetValue("x-served-by"));
        Assert.Equal("v1", headers.GetValue("x-backend"));
        Assert.Null(headers.Get("x-remove-me"));
    }

    [Fact]
    public async Task RequestMirror_MirrorBackendDecodesTheCopiedCall_CallAnsweredByMainBackend()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        var message = "mirrored-" + Guid.NewGuid().ToString("N");

        var reply = await Calls.CallAsync(gateway.Channel("grpc.example.com"), "Admin/GetItems", message);

        Assert.Equal("v2", reply.Backend);
        Assert.Equal(message, reply.Message);

        // The copy carries the request message, so the mirror's gRPC service can decode and serve it.
        await Eventually.TrueAsync(
            () => backends.Mirror.Served.Contains("/switchyard.test.echo.v1.Admin/GetItems " + message),
            "the mirror backend served the copied call");
    }
}
