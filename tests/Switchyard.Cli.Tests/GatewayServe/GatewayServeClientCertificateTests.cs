using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// Gateway <c>spec.tls.frontend</c> client certificate validation over real TLS handshakes: the default and per-port
/// CA certificates from ConfigMaps, AllowValidOnly refusing clients without a certificate the CAs issued at the
/// handshake, AllowInsecureFallback serving them, and a TLS listener in mode Terminate validated the same way.
/// </summary>
public sealed class GatewayServeClientCertificateTests
{
    [Fact]
    public async Task Serve_FrontendValidation_OnlyClientsWithCertificatesOfThePortsCasServed()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var address = Loopback.Next();
        var (defaultPort, perPort, fallbackPort, terminatePort) = (Loopback.FreePort(address), Loopback.FreePort(address), Loopback.FreePort(address), Loopback.FreePort(address));
        using var ca1 = ClientCertificates.Ca("Client CA one");
        using var ca2 = ClientCertificates.Ca("Client CA two");
        using var client1 = ClientCertificates.Issue("client-one", ca1);
        using var client2 = ClientCertificates.Issue("client-two", ca2);
        using var unknownCa = ClientCertificates.Ca("Unknown CA");
        using var stranger = ClientCertificates.Issue("stranger", unknownCa);
        var secret = TlsSecret("apps", "server", out var serverCertificate, "mtls.example.com");
        using (serverCertificate)
        {
            await using var host = await ServeHost.StartAsync(address, Join(
                GatewayClass(),
                $$$"""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: mtls, namespace: apps}
                spec:
                  gatewayClassName: switchyard
                  addresses: [{type: IPAddress, value: "{{{address}}}"}]
                  tls:
                    frontend:
                      default:
                        validation:
                          caCertificateRefs: [{group: "", kind: ConfigMap, name: ca-one}]
                      perPort:
                      - port: {{{perPort}}}
                        tls:
                          validation:
                            caCertificateRefs: [{group: "", kind: ConfigMap, name: ca-two}]
                      - port: {{{fallbackPort}}}
                        tls:
                          validation:
                            mode: AllowInsecureFallback
                            caCertificateRefs: [{group: "", kind: ConfigMap, name: ca-one}]
                  listeners:
                  - {name: default, protocol: HTTPS, port: {{{defaultPort}}}, tls: {certificateRefs: [{name: server}]}}
                  - {name: per-port, protocol: HTTPS, port: {{{perPort}}}, tls: {certificateRefs: [{name: server}]}}
                  - {name: fallback, protocol: HTTPS, port: {{{fallbackPort}}}, tls: {certificateRefs: [{name: server}]}}
                  - {name: terminate, protocol: TLS, port: {{{terminatePort}}}, tls: {mode: Terminate, certificateRefs: [{name: server}]}}
                """,
                ConfigMap("ca-one", ca1),
                ConfigMap("ca-two", ca2),
                secret,
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: apps}
                spec:
                  parentRefs: [{name: mtls}]
                  rules:
                  - backendRefs: [{name: web, port: 80}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata: {name: raw, namespace: apps}
                spec:
                  parentRefs: [{name: mtls, sectionName: terminate}]
                  hostnames: [mtls.example.com]
                  rules:
                  - backendRefs: [{name: web, port: 80}]
                """,
                Backend("apps", "web", 80, echoes["web"])));

            // AllowValidOnly with the default's CA: only a certificate that CA issued gets through the handshake.
            Assert.Equal("web", await GetAsync(host, defaultPort, client1));
            Assert.Null(await GetAsync(host, defaultPort, client2));
            Assert.Null(await GetAsync(host, defaultPort, stranger));
            Assert.Null(await GetAsync(host, defaultPort, null));

            // The per-port entry replaces the default on its port.
            Assert.Equal("web", await GetAsync(host, perPort, client2));
            Assert.Null(await GetAsync(host, perPort, client1));

            // AllowInsecureFallback asks for a certificate but serves everyone.
            Assert.Equal("web", await GetAsync(host, fallbackPort, client1));
            Assert.Equal("web", await GetAsync(host, fallbackPort, stranger));
            Assert.Equal("web", await GetAsync(host, fallbackPort, null));

            // A TLS listener that terminates is validated the same way before its bytes reach the backend.
            Assert.Equal("HTTP/1.1 200 OK", await TerminatedAsync(address, terminatePort, client1));
            Assert.Null(await TerminatedAsync(address, terminatePort, null));
            Assert.Null(await TerminatedAsync(address, terminatePort, client2));

            var gateway = await host.StatusOfAsync("Gateway", "apps", "mtls");
            AssertCondition(gateway!["status"]!, "InsecureFrontendValidationMode", "True", "ConfigurationChanged");
        }
    }

    /// <summary>The backend's name, or null when the TLS handshake (or the first exchange after it, in TLS 1.3) failed.</summary>
    private static async Task<string?> GetAsync(ServeHost host, int port, X509Certificate2? certificate)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(host.Gateway, context.DnsEndPoint.Port), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                ClientCertificates = certificate is null ? null : [certificate],
            },
        };
        if (certificate is null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = null;
        }

        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            using var response = await client.GetAsync($"https://mtls.example.com:{port}/");
            return (await EchoReply.ReadAsync(response)).Backend;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>An HTTP/1.1 exchange written over the terminated TLS: the status line, or null when TLS failed.</summary>
    private static async Task<string?> TerminatedAsync(IPAddress address, int port, X509Certificate2? certificate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "mtls.example.com",
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                    LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
                    ClientCertificates = certificate is null ? null : [certificate],
                },
                timeout.Token);
            await tls.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: mtls.example.com\r\nConnection: close\r\n\r\n"), timeout.Token);
            using var reader = new StreamReader(tls, Encoding.ASCII);
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return null;
        }
    }

    private static string ConfigMap(string name, X509Certificate2 ca) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata: {"{"}name: {name}, namespace: apps{"}"}
        data:
          ca.crt: |
        {string.Join('\n', ca.ExportCertificatePem().Split('\n').Select(l => "    " + l))}
        """;
}
