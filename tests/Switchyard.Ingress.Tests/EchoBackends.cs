using System.Net;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Gateway.Echo;

namespace Switchyard.Ingress.Tests;

/// <summary>
/// Echo backends on distinct loopback addresses, shared by the Ingress tests: a, b, c (HTTP/1.1 and h2c) and s (TLS
/// with a self-signed certificate, for HTTPS backends).
/// </summary>
public sealed class EchoBackends : IAsyncLifetime
{
    public EchoServer A { get; private set; } = null!;

    public EchoServer B { get; private set; } = null!;

    public EchoServer C { get; private set; } = null!;

    public EchoServer S { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var certificate = Certificates.CreateX509("backend.internal");
        var started = await Task.WhenAll(
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.41"), 0), "a"),
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.42"), 0), "b"),
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.43"), 0), "c"),
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.44"), 0), "s", certificate: X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null)));
        (A, B, C, S) = (started[0], started[1], started[2], started[3]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await C.DisposeAsync();
        await S.DisposeAsync();
    }

    /// <summary>
    /// Services a, b, c (port 80, named http) and s (port 443, named https) in <paramref name="ns"/>, with
    /// EndpointSlices pointing at the echo servers; plus idle (port 80, no endpoints).
    /// </summary>
    public string Services(string ns = "apps") => string.Concat(
        "\n",
        Service(ns, "a", A, 80, "http"),
        Service(ns, "b", B, 80, "http"),
        Service(ns, "c", C, 80, "http"),
        Service(ns, "s", S, 443, "https"),
        $$"""
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: idle, namespace: {{ns}} }
        spec:
          ports: [{name: http, port: 80}]

        """);

    private static string Service(string ns, string name, EchoServer echo, int port, string portName) => $$"""
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}} }
        spec:
          ports: [{name: {{portName}}, port: {{port}}, targetPort: {{echo.EndPoint.Port}} }]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {{name}}-1
          namespace: {{ns}}
          labels: {kubernetes.io/service-name: {{name}} }
        addressType: IPv4
        endpoints: [{addresses: ["{{echo.EndPoint.Address}}"] }]
        ports: [{name: {{portName}}, port: {{echo.EndPoint.Port}} }]

        """;
}
