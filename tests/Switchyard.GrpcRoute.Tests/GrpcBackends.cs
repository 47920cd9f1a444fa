using Switchyard.Gateway.Echo;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>
/// Backends shared by the GRPCRoute tests: gRPC servers v1, v2, v3 and mirror on distinct loopback addresses, and an
/// HTTP/1.1 echo server (web) for the HTTPRoute beside them.
/// </summary>
public sealed class GrpcBackends : IAsyncLifetime
{
    internal GrpcBackend V1 { get; private set; } = null!;

    internal GrpcBackend V2 { get; private set; } = null!;

    internal GrpcBackend V3 { get; private set; } = null!;

    internal GrpcBackend Mirror { get; private set; } = null!;

    internal EchoServer Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(
            GrpcBackend.StartAsync("127.0.0.71", "v1"),
            GrpcBackend.StartAsync("127.0.0.72", "v2"),
            GrpcBackend.StartAsync("127.0.0.73", "v3"),
            GrpcBackend.StartAsync("127.0.0.74", "mirror"));
        (V1, V2, V3, Mirror) = (started[0], started[1], started[2], started[3]);
        Web = await EchoServer.StartAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.75"), 0), "web");
    }

    public async Task DisposeAsync()
    {
        await V1.DisposeAsync();
        await V2.DisposeAsync();
        await V3.DisposeAsync();
        await Mirror.DisposeAsync();
        await Web.DisposeAsync();
    }

    /// <summary>
    /// Services v1, v2, v3, mirror (port 9000, no appProtocol: the GRPCRoute makes it h2c) and web (port 80) in
    /// <paramref name="ns"/>, with EndpointSlices pointing at the servers; plus idle (port 9000, no endpoints).
    /// </summary>
    public string Services(string ns = "apps") => string.Concat(
        "\n",
        Service(ns, "v1", V1.EndPoint, 9000),
        Service(ns, "v2", V2.EndPoint, 9000),
        Service(ns, "v3", V3.EndPoint, 9000),
        Service(ns, "mirror", Mirror.EndPoint, 9000),
        Service(ns, "web", Web.EndPoint, 80),
        $$"""
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: idle, namespace: {{ns}} }
        spec:
          ports: [{name: grpc, port: 9000}]

        """);

    private static string Service(string ns, string name, System.Net.IPEndPoint endPoint, int port) => $$"""
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}} }
        spec:
          ports: [{name: main, port: {{port}}, targetPort: {{endPoint.Port}} }]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {{name}}-1
          namespace: {{ns}}
          labels: {kubernetes.io/service-name: {{name}} }
        addressType: IPv4
        endpoints: [{addresses: ["{{endPoint.Address}}"] }]
        ports: [{name: main, port: {{endPoint.Port}} }]

        """;
}
