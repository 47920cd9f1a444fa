using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Cli.Tests.Serving;

/// <summary>The manifests of the <c>serve</c> TLS Passthrough tests, and the free port their listener takes.</summary>
internal static class TlsPassthrough
{
    /// <summary>
    /// GatewayClass, Gateway <c>apps/edge</c> with a TLS Passthrough listener <c>tls</c> for <c>*.example.com</c> on
    /// 127.0.0.1:<paramref name="port"/>, and TLSRoute <c>apps/db</c> sending <c>db.example.com</c> to Service
    /// <c>apps/db</c> port 443 (with <paramref name="appProtocol"/>, when given), whose one endpoint is <paramref name="backend"/>.
    /// </summary>
    public static string Manifests(int port, IPEndPoint backend, string? appProtocol = null) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: switchyard}
        spec: {controllerName: switchyard.dev/gateway-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: apps}
        spec:
          gatewayClassName: switchyard
          addresses: [{type: IPAddress, value: 127.0.0.1}]
          listeners:
          - name: tls
            port: {{port.ToString(CultureInfo.InvariantCulture)}}
            protocol: TLS
            hostname: "*.example.com"
            tls: {mode: Passthrough}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: TLSRoute
        metadata: {name: db, namespace: apps}
        spec:
          parentRefs: [{name: edge}]
          hostnames: [db.example.com]
          rules:
          - backendRefs: [{name: db, port: 443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: apps}
        spec:
          ports: [{name: tls, port: 443{{(appProtocol is null ? string.Empty : ", appProtocol: " + appProtocol)}}}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: db-1
          namespace: apps
          labels: {kubernetes.io/service-name: db}
        addressType: IPv4
        ports: [{name: tls, port: {{backend.Port.ToString(CultureInfo.InvariantCulture)}}}]
        endpoints:
        - addresses: ["{{backend.Address}}"]
        """;

    /// <summary>A TCP port free on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
