using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Serving;

namespace Switchyard.Cli.Tests.Serving;

/// <summary>
/// <c>serve</c> with a TLS Passthrough listener and a TLSRoute, end to end: manifests on disk, a real TLS client, and
/// backends that terminate TLS themselves on their own loopback addresses; an edit of the manifests moves the route.
/// </summary>
public sealed class ServeTlsRouteTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-serve-tls-");
    private readonly StringWriter _console = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TlsBackend _first = new("first", "127.0.32.1");
    private readonly TlsBackend _second = new("second", "127.0.32.2");
    private readonly int _port = TlsPassthrough.FreePort();
    private RunningServer? _running;

    private string ManifestPath => Path.Combine(_dir.FullName, "tls.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ManifestPath, Manifests(_first));
        _running = await RunningServer.StartAsync(new SwitchyardServer(
            new ServeOptions { Files = [_dir.FullName], Admin = new IPEndPoint(IPAddress.Loopback, 0), Debounce = TimeSpan.FromMilliseconds(50) },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            _console));
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        _first.Dispose();
        _second.Dispose();
        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_TlsRoute_PassthroughToBackendThenEditMovesIt()
    {
        var gateway = new IPEndPoint(IPAddress.Loopback, _port);
        var (backend, thumbprint) = await ConnectAsync(gateway, "db.example.com");
        Assert.Equal("first", backend);
        Assert.Equal(_first.Thumbprint, thumbprint);
        Assert.Equal(("True", "True"), await RouteConditionsAsync());

        await File.WriteAllTextAsync(ManifestPath, Manifests(_second));
        await Eventually(async () => (await ConnectAsync(gateway, "db.example.com")).Backend == "second");

        var (_, movedThumbprint) = await ConnectAsync(gateway, "db.example.com");
        Assert.Equal(_second.Thumbprint, movedThumbprint);
        Assert.Contains($"listener 127.0.0.1:{_port} (apps/edge/tls) on 127.0.0.1:{_port}", _console.ToString(), StringComparison.Ordinal);
    }

    private string Manifests(TlsBackend backend) => TlsPassthrough.Manifests(_port, backend.EndPoint, appProtocol: "https");

    private async Task<(string Accepted, string ResolvedRefs)> RouteConditionsAsync()
    {
        var status = JsonNode.Parse(await _http.GetStringAsync("http://" + _running!.Server.AdminEndpoint + "/status"))!;
        var route = status["items"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "TLSRoute")!;
        var conditions = route["status"]!["parents"]![0]!["conditions"]!.AsArray();
        string Of(string type) => conditions.Single(c => c!["type"]!.GetValue<string>() == type)!["status"]!.GetValue<string>();
        return (Of("Accepted"), Of("ResolvedRefs"));
    }

    private static async Task<(string Backend, string? Thumbprint)> ConnectAsync(IPEndPoint gateway, string serverName)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway, timeout.Token);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var served = certificate is null ? null : new X509Certificate2(certificate);
                    thumbprint = served?.Thumbprint;
                    return true;
                },
            },
            timeout.Token);
        using var reader = new StreamReader(tls, Encoding.ASCII);
        return ((await reader.ReadLineAsync(timeout.Token)) ?? string.Empty, thumbprint);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // Not routed yet, or the listener is between snapshots.
            }

            await Task.Delay(25);
        }

        Assert.True(await condition(), "condition not met within 20 s");
    }

    /// <summary>A backend that terminates TLS with its own certificate and answers each connection with its name.</summary>
    private sealed class TlsBackend : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly Task _accepting;

        public TlsBackend(string name, string address)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name + ".backend.test", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            _certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            Thumbprint = _certificate.Thumbprint;
            _listener = new TcpListener(IPAddress.Parse(address), 0);
            _listener.Start();
            EndPoint = (IPEndPoint)_listener.LocalEndpoint;
            _accepting = AcceptAsync(name);
        }

        public IPEndPoint EndPoint { get; }

        public string Thumbprint { get; }

        public void Dispose()
        {
            _listener.Stop();
            _accepting.Wait(TimeSpan.FromSeconds(10));
            _certificate.Dispose();
        }

        private async Task AcceptAsync(string name)
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = ServeAsync(client, name);
            }
        }

        private async Task ServeAsync(TcpClient client, string name)
        {
            using var _ = client;
            try
            {
                await using var tls = new SslStream(client.GetStream());
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token);
                await tls.WriteAsync(Encoding.ASCII.GetBytes(name + "\n"), timeout.Token);
                await tls.ShutdownAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
            }
        }
    }
}
