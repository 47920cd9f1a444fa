using Grpc.Core;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>
/// A GRPCRoute to a Service targeted by a BackendTLSPolicy: calls go to the gRPC backend over TLS (ALPN h2) with the
/// policy's hostname as SNI and its CA as the only trust; a policy the certificate does not satisfy makes calls fail.
/// </summary>
public sealed class GrpcRouteBackendTlsTests : IAsyncLifetime
{
    private TlsGrpcBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TlsGrpcBackend.StartAsync("127.0.0.76", "tls");

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Call_ServiceWithBackendTlsPolicy_ReachesBackendOverTls()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests(TlsGrpcBackend.DnsName));

        var reply = await Calls.CallAsync(gateway.Channel("grpc.example.com"), "Echo/Say");

        Assert.Equal("tls", reply.Backend);
        Assert.Equal("grpc.example.com", reply.Authority);
        Assert.Contains(TlsGrpcBackend.DnsName, _backend.SniNames);
        Assert.DoesNotContain("grpc.example.com", _backend.SniNames);
        var parent = Assert.Single(gateway.RouteStatus("GRPCRoute", "secure").Parents);
        Assert.Contains(parent.Conditions, c => c.Type == "ResolvedRefs" && c.Status == "True");
    }

    [Fact]
    public async Task Call_PolicyHostnameNotInCertificate_Unavailable()
    {
        await using var gateway = await GrpcGateway.StartAsync(Manifests("mismatch.apps.internal"));

        var failure = await Calls.FailureAsync(gateway.Channel("grpc.example.com"), "Echo/Say");

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("mismatch.apps.internal", _backend.SniNames);
    }

    private string Manifests(string policyHostname) => GrpcGateway.H2cGateway + $$"""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: secure, namespace: apps}
        spec:
          parentRefs: [{name: grpc}]
          hostnames: [grpc.example.com]
          rules:
          - backendRefs: [{name: secure, port: 443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: secure, namespace: apps}
        spec:
          ports: [{name: grpcs, port: 443}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: secure-0
          namespace: apps
          labels: {kubernetes.io/service-name: secure}
        addressType: IPv4
        ports: [{name: grpcs, port: {{_backend.EndPoint.Port}}}]
        endpoints:
        - addresses: ["{{_backend.EndPoint.Address}}"]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata: {name: secure, namespace: apps}
        spec:
          targetRefs: [{group: "", kind: Service, name: secure, sectionName: grpcs}]
          validation:
            caCertificateRefs: [{group: "", kind: ConfigMap, name: grpc-ca}]
            hostname: {{policyHostname}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: grpc-ca, namespace: apps}
        data:
          ca.crt: |
        {{string.Join('\n', _backend.CaCertificatePem.Trim().Split('\n').Select(l => "    " + l))}}
        """;
}
