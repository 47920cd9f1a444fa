using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Serving;
using Switchyard.Translation;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// <c>switchyard serve</c> in-process over a temporary directory of manifests, with its admin API on loopback, plus an
/// HttpClient that connects requests for a host name to the gateway address (so the URL's host becomes the Host
/// header and the TLS SNI name) and requests for an IP literal to that IP.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _admin = new() { Timeout = TimeSpan.FromSeconds(20) };
    private Task? _run;

    private ServeHost(DirectoryInfo dir, IPAddress gateway, SwitchyardServer server, StringWriter console)
    {
        _dir = dir;
        Gateway = gateway;
        Server = server;
        Console = console;
        Client = CreateClient();
    }

    /// <summary>Where requests for a host name go.</summary>
    public IPAddress Gateway { get; }

    public SwitchyardServer Server { get; }

    /// <summary>What serve printed.</summary>
    public StringWriter Console { get; }

    public HttpClient Client { get; }

    /// <summary>The certificate of each TLS handshake the client made, in order.</summary>
    public List<X509Certificate2> ServedCertificates { get; } = [];

    public string Directory => _dir.FullName;

    public long Generation => Server.Pipeline.Current.Snapshot.Generation;

    /// <summary>The port of Gateway <c>apps/web</c>'s listener when started by <see cref="StartWebAsync"/>, else 0.</summary>
    public int Port { get; private set; }

    /// <summary>Starts serve over one manifest file <c>manifests.yaml</c> holding <paramref name="manifests"/>.</summary>
    public static async Task<ServeHost> StartAsync(IPAddress gateway, string manifests, bool watch = false, bool probe = false)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("sy-gwserve-");
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "manifests.yaml"), manifests);
        var console = new StringWriter();
        var server = new SwitchyardServer(
            new ServeOptions
            {
                Files = [dir.FullName],
                Watch = watch,
                Probe = probe,
                Admin = new IPEndPoint(IPAddress.Loopback, 0),
                Debounce = TimeSpan.FromMilliseconds(50),
                DrainTimeout = TimeSpan.FromSeconds(2),

                // The access log on (discarded) puts every request of these tests through the byte-counting path too.
                AccessLog = "/dev/null",
                Translator = new TranslatorOptions { BindAddress = gateway.ToString(), IngressHttp = null, IngressHttps = null },
            },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            console);
        var host = new ServeHost(dir, gateway, server, console);
        await server.StartAsync(host._stop.Token);
        host._run = server.RunAsync(host._stop.Token);
        return host;
    }

    /// <summary>
    /// Starts serve with the GatewayClass, Gateway <c>apps/web</c> (one HTTP listener on a fresh loopback address and a
    /// free <see cref="Port"/>, routes from its own namespace) and <paramref name="documents"/>.
    /// </summary>
    public static async Task<ServeHost> StartWebAsync(params string[] documents)
    {
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var host = await StartAsync(address, Manifests.Join([Manifests.GatewayClass(), Manifests.HttpGateway("apps", "web", address, port), .. documents]));
        host.Port = port;
        return host;
    }

    /// <summary>Replaces a manifest file atomically (write aside, then rename), as editors and config tools do.</summary>
    public async Task WriteAsync(string file, string manifests)
    {
        var aside = Path.Combine(_dir.FullName, "." + file + ".tmp");
        await File.WriteAllTextAsync(aside, manifests);
        File.Move(aside, Path.Combine(_dir.FullName, file), overwrite: true);
    }

    /// <summary>Waits until a reload published a generation above <paramref name="generation"/>.</summary>
    public async Task WaitForGenerationAboveAsync(long generation) =>
        await Poll.UntilAsync(() => Task.FromResult(Generation > generation), "generation above " + generation + "; serve said:\n" + Console);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, url, headers);

    public async Task<EchoReply> EchoAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return await EchoReply.ReadAsync(response);
    }

    public async Task<HttpStatusCode> StatusCodeAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return response.StatusCode;
    }

    /// <summary>The object as admin <c>GET /status</c> shows it (spec and computed status), or null.</summary>
    public async Task<JsonNode?> StatusOfAsync(string kind, string? ns, string name)
    {
        var status = JsonNode.Parse(await _admin.GetStringAsync("http://" + Server.AdminEndpoint + "/status"))!;
        foreach (var item in status["items"]!.AsArray())
        {
            var metadata = item!["metadata"]!;
            if (item["kind"]!.GetValue<string>() == kind
                && metadata["name"]!.GetValue<string>() == name
                && metadata["namespace"]?.GetValue<string>() == ns)
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>A client like the one <see cref="Client"/> is, but speaking <paramref name="version"/>, or limited to <paramref name="tls"/>.</summary>
    public HttpClient CreateClient(Version? version = null, System.Security.Authentication.SslProtocols tls = default)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectCallback = async (context, token) =>
            {
                var address = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal) ? literal : Gateway;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), token);
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
                EnabledSslProtocols = tls,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    lock (ServedCertificates)
                    {
                        if (certificate is not null)
                        {
                            ServedCertificates.Add(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                        }
                    }

                    return true;
                },
            },
        };
        return new HttpClient(handler)
        {
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_run is not null)
        {
            await _run;
        }

        await Server.DisposeAsync();
        Client.Dispose();
        _admin.Dispose();
        _stop.Dispose();
        foreach (var certificate in ServedCertificates)
        {
            certificate.Dispose();
        }

        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the directory for a moment; the OS cleans temp later.
        }
    }
}
