using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// GatewayHTTPSListenerDetectMisdirectedRequests over real TLS: HTTPS listeners sharing a port answer 421 when the
/// Host header selects another listener than the TLS SNI name did, and route as usual when both select the same one.
/// </summary>
public sealed class GatewayServeMisdirectedTests
{
    public static TheoryData<string, string, int, string?> Cases => new()
    {
        { "example.org", "example.org", 200, "v1" },
        { "example.org", "second-example.org", 421, null },
        { "example.org", "unknown-example.org", 404, null },
        { "second-example.org", "second-example.org", 200, "v2" },
        { "second-example.org", "example.org", 421, null },
        { "second-example.org", "unknown-example.org", 421, null },
        { "third-example.wildcard.org", "third-example.wildcard.org", 200, "v3" },
        { "third-example.wildcard.org", "fifth-example.wildcard.org", 200, "v3" },
        { "third-example.wildcard.org", "fourth-example.wildcard.org", 421, null },
        { "third-example.wildcard.org", "second-example.org", 421, null },
        { "fourth-example.wildcard.org", "fourth-example.wildcard.org", 200, "v1" },
        { "fourth-example.wildcard.org", "fifth-example.wildcard.org", 421, null },
        { "unknown-example.org", "example.org", 200, "v1" },
        { "unknown-example.org", "unknown-example.org", 404, null },

        // No SNI name: nothing tells which listener the connection was for, so the Host decides.
        { "", "second-example.org", 200, "v2" },
    };

    [Fact]
    public async Task Serve_SniAndHostOfDifferentListeners_421OverHttp1AndHttp2()
    {
        await using var echoes = await Echoes.StartAsync("v1", "v2", "v3");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var secret = TlsSecret(
            "apps", "shared", out var certificate, "example.org", "second-example.org", "*.wildcard.org", "unknown-example.org");
        using (certificate)
        {
            await using var host = await ServeHost.StartAsync(address, Join(
                GatewayClass(),
                $$$"""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: secure, namespace: apps}
                spec:
                  gatewayClassName: switchyard
                  addresses: [{type: IPAddress, value: "{{{address}}}"}]
                  listeners:
                  - {name: https, protocol: HTTPS, port: {{{port}}}, tls: {certificateRefs: [{name: shared}]}}
                  - {name: https-with-hostname, protocol: HTTPS, port: {{{port}}}, hostname: second-example.org, tls: {certificateRefs: [{name: shared}]}}
                  - {name: https-with-wildcard-hostname, protocol: HTTPS, port: {{{port}}}, hostname: "*.wildcard.org", tls: {certificateRefs: [{name: shared}]}}
                  - {name: https-with-hostname-matching-wildcard, protocol: HTTPS, port: {{{port}}}, hostname: fourth-example.wildcard.org, tls: {certificateRefs: [{name: shared}]}}
                """,
                secret,
                Route("test-1", "https", "v1", "[example.org]"),
                Route("test-2", "https-with-hostname", "v2"),
                Route("test-3", "https-with-wildcard-hostname", "v3"),
                Route("test-4", "https-with-hostname-matching-wildcard", "v1"),
                Backend("apps", "v1", 80, echoes["v1"]),
                Backend("apps", "v2", 80, echoes["v2"]),
                Backend("apps", "v3", 80, echoes["v3"])));

            foreach (var row in Cases)
            {
                var (sni, hostHeader, status, backend) = ((string)row[0], (string)row[1], (int)row[2], (string?)row[3]);
                var what = $"SNI {sni}, Host {hostHeader}";

                // HTTP/1.1 from HttpClient over a TLS stream made with the SNI name.
                using var client = SniClient(address, sni, HttpVersion.Version11);
                using var response = await client.GetAsync($"http://{hostHeader}:{port}/detect-misdirected-requests");
                Assert.True(status == (int)response.StatusCode, $"{what}, HTTP/1.1: {(int)response.StatusCode}, expected {status}");
                if (backend is not null)
                {
                    Assert.Equal(backend, (await EchoReply.ReadAsync(response)).Backend);
                }

                // HTTP/2 from curl (HttpClient would send its SNI from the Host header): the Host becomes :authority.
                if (sni.Length > 0)
                {
                    // trace on the same manifests predicts the 421 (and only it) for this SNI name and Host.
                    var (traced, exit) = Trace(host.Directory, address, $"https://{hostHeader}:{port}/detect-misdirected-requests", "--sni", sni);
                    Assert.True((status == 421) == traced.Contains("421 Misdirected Request", StringComparison.Ordinal), $"{what}, trace:\n{traced}");
                    Assert.Equal(status == 200 ? 0 : 1, exit);

                    var (h2Status, h2Body) = await CurlH2Async(address, port, sni, hostHeader);
                    Assert.True(status == h2Status, $"{what}, HTTP/2: {h2Status}, expected {status}");
                    if (backend is not null)
                    {
                        Assert.Contains($"\"backend\":\"{backend}\"", h2Body, StringComparison.Ordinal);
                    }
                }
            }

            // The same connection keeps serving its own listener after a misdirected request.
            var connections = new StrongBox<int>();
            using var reused = SniClient(address, "second-example.org", HttpVersion.Version11, connections);
            var misdirected = new HttpRequestMessage(HttpMethod.Get, $"http://second-example.org:{port}/detect-misdirected-requests");
            misdirected.Headers.Host = "example.org";
            using (var answer = await reused.SendAsync(misdirected))
            {
                Assert.Equal(HttpStatusCode.MisdirectedRequest, answer.StatusCode);
            }

            using var served = await reused.GetAsync($"http://second-example.org:{port}/detect-misdirected-requests");
            Assert.Equal("v2", (await EchoReply.ReadAsync(served)).Backend);
            Assert.Equal(1, connections.Value);
        }
    }

    private static (string Output, int Exit) Trace(string dir, IPAddress bindAddress, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new System.CommandLine.RootCommand { Switchyard.Cli.Commands.TraceCommand.Create() };
        var exit = root.Parse(["trace", "-f", dir, "--bind-address", bindAddress.ToString(), "--ingress-http", "off", "--ingress-https", "off", .. args])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        Assert.True(error.ToString().Length == 0, error.ToString());
        return (output.ToString(), exit);
    }

    private static string Route(string name, string section, string backend, string hostnames = "[]") => $$$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{{name}}}, namespace: apps}
        spec:
          parentRefs: [{name: secure, sectionName: {{{section}}}}]
          hostnames: {{{hostnames}}}
          rules:
          - matches: [{path: {type: PathPrefix, value: /detect-misdirected-requests}}]
            backendRefs: [{name: {{{backend}}}, port: 80}]
        """;

    /// <summary>HTTP/2 over TLS with <paramref name="sni"/> and a Host of <paramref name="host"/>: status and body.</summary>
    private static async Task<(int Status, string Body)> CurlH2Async(IPAddress gateway, int port, string sni, string host)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-sSk", "--http2", "--max-time", "20",
            "--resolve", $"{sni}:{port}:{gateway}",
            "-H", "Host: " + host,
            "-w", "\n%{http_code} %{http_version}",
            $"https://{sni}:{port}/detect-misdirected-requests",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var output = curl.StandardOutput.ReadToEndAsync();
        var error = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        var text = await output;
        Assert.True(curl.ExitCode == 0, "curl failed: " + await error);
        var last = text.LastIndexOf('\n');
        var summary = text[(last + 1)..].Split(' ');
        Assert.Equal("2", summary[1]);
        return (int.Parse(summary[0], CultureInfo.InvariantCulture), text[..last]);
    }

    /// <summary>
    /// A client whose TLS handshake sends <paramref name="sni"/> (none when empty) whatever the request's Host is: the
    /// TLS is made in the connect callback, so the request URL's host becomes only the Host header.
    /// </summary>
    private static HttpClient SniClient(IPAddress gateway, string sni, Version version, StrongBox<int>? connections = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, token) =>
            {
                if (connections is not null)
                {
                    Interlocked.Increment(ref connections.Value);
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(gateway, context.DnsEndPoint.Port), token);
                    var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
                    await tls.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions
                        {
                            TargetHost = sni,
                            ApplicationProtocols = [version == HttpVersion.Version20 ? SslApplicationProtocol.Http2 : SslApplicationProtocol.Http11],
                            RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                        },
                        token);
                    return tls;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler)
        {
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }
}
