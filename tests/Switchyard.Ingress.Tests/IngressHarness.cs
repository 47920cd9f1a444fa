using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Gateway;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Ingress.Tests;

/// <summary>
/// Manifests in, a served data plane out: loads the manifests as <c>serve -f</c> does, translates them, and serves the
/// IR on loopback (Ingress HTTP on 127.0.0.51, HTTPS on 127.0.0.52, ephemeral ports). The client connects every
/// http:// URL to the HTTP listener and every https:// URL to the HTTPS listener, so the URL's host becomes the Host
/// header and the SNI name.
/// </summary>
internal sealed class IngressHarness : IAsyncDisposable
{
    public static readonly TranslatorOptions Options = new()
    {
        IngressHttp = new IPEndPoint(IPAddress.Parse("127.0.0.51"), 0),
        IngressHttps = new IPEndPoint(IPAddress.Parse("127.0.0.52"), 0),
    };

    /// <summary>An IngressClass of ours that is the default, so test Ingresses need no class.</summary>
    public const string DefaultClass = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: switchyard
          annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
        spec:
          controller: switchyard.dev/ingress-controller

        """;

    /// <summary><see cref="DefaultClass"/>, then <paramref name="documents"/> (each starting with <c>---</c>), then the echo backends' Services.</summary>
    public static string Manifests(EchoBackends echo, string documents) => DefaultClass + documents + echo.Services();

    private IngressHarness(GatewayDataPlane dataPlane, TranslationResult result, IReadOnlyList<ListenerBindResult> bound)
    {
        DataPlane = dataPlane;
        Result = result;
        Http = bound.FirstOrDefault(b => b.ListenerId.StartsWith("127.0.0.51:", StringComparison.Ordinal))?.EndPoint;
        Https = bound.FirstOrDefault(b => b.ListenerId.StartsWith("127.0.0.52:", StringComparison.Ordinal))?.EndPoint;
        Client = CreateClient();
    }

    public GatewayDataPlane DataPlane { get; }

    public TranslationResult Result { get; }

    public IPEndPoint? Http { get; }

    public IPEndPoint? Https { get; }

    public HttpClient Client { get; }

    /// <summary>The DNS name of the certificate each TLS connection was served, in order.</summary>
    public List<string> ServedCertificates { get; } = [];

    public IEnumerable<string> Warnings => Result.Warnings.Select(w => w.ToString());

    /// <summary>Serves the <see cref="Manifests(EchoBackends, string)"/> of <paramref name="documents"/>.</summary>
    public static Task<IngressHarness> StartAsync(EchoBackends echo, string documents, TranslatorOptions? options = null) =>
        StartAsync(Manifests(echo, documents), options);

    public static async Task<IngressHarness> StartAsync(string yaml, TranslatorOptions? options = null)
    {
        var load = ManifestLoader.LoadString("test.yaml", yaml, DateTime.UtcNow);
        Assert.Empty(load.Errors);
        var store = new ResourceStore();
        store.ReplaceAll(load);
        var result = new Translator(options ?? Options, TimeProvider.System).Translate(store.Current, 1);

        // Port 0 (an ephemeral port) is what the tests ask for; everything else must be valid.
        Assert.DoesNotContain(result.Snapshot.Validate(), p => !p.EndsWith("port 0 out of range", StringComparison.Ordinal));
        var dataPlane = new GatewayDataPlane(NullLoggerFactory.Instance, TimeProvider.System);
        var bound = await dataPlane.ApplyAsync(result.Snapshot, CancellationToken.None);
        Assert.All(bound, b => Assert.True(b.Success, b.ListenerId + ": " + b.Error));
        return new IngressHarness(dataPlane, result, bound);
    }

    /// <summary>The computed status of the Ingress <paramref name="ns"/>/<paramref name="name"/>, or null when it has none.</summary>
    public V1IngressStatus? Status(string name, string ns = "apps") =>
        Result.Status.TryGetValue(new ResourceKey("networking.k8s.io", "Ingress", ns, name), out var status) ? (V1IngressStatus)status : null;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, url, headers);

    public async Task<HttpStatusCode> StatusAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return response.StatusCode;
    }

    public async Task<EchoReply> EchoAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return await EchoReply.ReadAsync(response);
    }

    /// <summary>Which echo backend answered <paramref name="url"/> ("a", "b", ...), or the status code when none did.</summary>
    public async Task<string> BackendAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return response.StatusCode == HttpStatusCode.OK
            ? (await EchoReply.ReadAsync(response)).Backend
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await DataPlane.DisposeAsync();
    }

    private HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, token) =>
            {
                var target = context.InitialRequestMessage.RequestUri!.Scheme == "https" ? Https : Http;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target ?? throw new HttpRequestException("no listener for this scheme"), token);
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
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    lock (ServedCertificates)
                    {
                        using var served = certificate is null ? null : new X509Certificate2(certificate);
                        ServedCertificates.Add(served?.GetNameInfo(X509NameType.DnsName, false) ?? "(none)");
                    }

                    return true;
                },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }
}
