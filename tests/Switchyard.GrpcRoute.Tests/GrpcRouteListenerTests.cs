using System.Net;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>
/// gRPC over an HTTP listener (h2c prior knowledge, with HTTP/1.1 on the same port) and over an HTTPS listener (ALPN
/// h2); hostname precedence and route age across GRPCRoutes.
/// </summary>
[Collection(GrpcCollection.Name)]
public sealed class GrpcRouteListenerTests(GrpcBackends backends)
{
    private string Manifests => GrpcGateway.GatewayClass
        + Certificates.Secret("apps", "grpc-cert", "grpc.example.com", "*.example.com")
        + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: grpc, namespace: apps}
        spec:
          gatewayClassName: switchyard
          listeners:
          - {name: h2c, port: {HTTP_PORT}, protocol: HTTP}
          - name: tls
            port: {HTTPS_PORT}
            protocol: HTTPS
            tls: {certificateRefs: [{name: grpc-cert}]}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: exact-host, namespace: apps, creationTimestamp: "2024-03-01T00:00:00Z"}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [grpc.example.com]
          rules:
          - backendRefs: [{name: v1, port: 9000}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: wildcard-host, namespace: apps, creationTimestamp: "2024-01-01T00:00:00Z"}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: ["*.example.com"]
          rules:
          - backendRefs: [{name: v2, port: 9000}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: newer, namespace: apps, creationTimestamp: "2024-02-01T00:00:00Z"}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [age.example.net]
          rules:
          - backendRefs: [{name: v1, port: 9000}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: older, namespace: apps, creationTimestamp: "2024-01-01T00:00:00Z"}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [age.example.net]
          rules:
          - backendRefs: [{name: v3, port: 9000}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [web.example.org]
          rules:
          - backendRefs: [{name: web, port: 80}]
        """ + backends.Services();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_OverH2cAndOverTlsWithAlpn_Served(bool tls)
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        var reply = await Calls.CallAsync(gateway.Channel("grpc.example.com", tls), "Echo/Say");

        Assert.Equal("v1", reply.Backend);
        Assert.Equal("grpc.example.com", reply.Authority);
    }

    [Theory]
    [InlineData("grpc.example.com", "v1")]
    [InlineData("api.example.com", "v2")]
    [InlineData("age.example.net", "v3")]
    public async Task Hostname_ExactBeforeWildcard_OlderRouteOnTie(string authority, string backend)
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        Assert.Equal(backend, await Calls.BackendAsync(gateway.Channel(authority), "Echo/Say"));
        Assert.Equal(backend, await Calls.BackendAsync(gateway.Channel(authority, tls: true), "Admin/Delete"));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task PlainHttp_SamePortAsH2c_StillServed(string version)
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);
        using var client = gateway.HttpClient(Version.Parse(version));

        using var web = await client.GetAsync("http://web.example.org/hello");
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        Assert.Contains("\"backend\":\"web\"", await web.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Version.Parse(version), web.Version);

        // A plain HTTP request on a GRPCRoute hostname is no gRPC call: it matches no rule and gets a plain 404.
        using var notGrpc = await client.GetAsync("http://grpc.example.com/switchyard.test.echo.v1.Echo/Say");
        Assert.Equal(HttpStatusCode.NotFound, notGrpc.StatusCode);
    }

    [Fact]
    public async Task ListenerStatus_SupportsBothRouteKinds_CountsAttachedRoutes()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests);

        var status = (Resources.Model.GatewayApi.GatewayStatus)gateway.Result.Status[new Resources.Store.ResourceKey("gateway.networking.k8s.io", "Gateway", "apps", "grpc")];
        foreach (var listener in status.Listeners!)
        {
            Assert.Equal(["HTTPRoute", "GRPCRoute"], listener.SupportedKinds!.Select(k => k.Kind));
            Assert.Equal(5, listener.AttachedRoutes);
        }
    }
}
