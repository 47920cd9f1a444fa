using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Gateway;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>
/// Manifests in, a served data plane out: loads the manifests as <c>serve -f</c> does, translates them and serves the
/// IR on 127.0.0.70. The manifests name their listener ports <c>{HTTP_PORT}</c> and <c>{HTTPS_PORT}</c>, which become
/// free ports (taken again if another process grabbed one before the bind). Channels connect every call to the HTTP
/// (h2c) or HTTPS listener whatever the authority, so the authority becomes the :authority (and the SNI name).
/// </summary>
internal sealed class GrpcGateway : IAsyncDisposable
{
    private const string Address = "127.0.0.70";

    public const string GatewayClass = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: switchyard}
        spec: {controllerName: switchyard.dev/gateway-controller}

        """;

    /// <summary>The GatewayClass and Gateway <c>apps/grpc</c> with one cleartext listener, <c>h2c</c>, on the HTTP port.</summary>
    public const string H2cGateway = GatewayClass + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: grpc, namespace: apps}
        spec:
          gatewayClassName: switchyard
          listeners:
          - {name: h2c, port: {HTTP_PORT}, protocol: HTTP}

        """;

    private readonly List<GrpcChannel> _channels = [];

    private GrpcGateway(GatewayDataPlane dataPlane, TranslationResult result, int httpPort, int httpsPort)
    {
        DataPlane = dataPlane;
        Result = result;
        Http = new IPEndPoint(IPAddress.Parse(Address), httpPort);
        Https = new IPEndPoint(IPAddress.Parse(Address), httpsPort);
    }

    public GatewayDataPlane DataPlane { get; }

    public TranslationResult Result { get; }

    public IPEndPoint Http { get; }

    public IPEndPoint Https { get; }

    public static async Task<GrpcGateway> StartAsync(string yaml)
    {
        for (var attempt = 1; ; attempt++)
        {
            var httpPort = FreePort();
            var httpsPort = FreePort();
            var text = yaml.Replace("{HTTP_PORT}", httpPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{HTTPS_PORT}", httpsPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var load = ManifestLoader.LoadString("test.yaml", text, DateTime.UtcNow);
            Assert.Empty(load.Errors);
            var store = new ResourceStore();
            store.ReplaceAll(load);
            var result = new Translator(new TranslatorOptions { BindAddress = Address }, TimeProvider.System).Translate(store.Current, 1);
            Assert.Empty(result.Snapshot.Validate());
            // With an access-log queue the YARP path counts body bytes through wrapped body streams: every gRPC test
            // then also proves that the wrapping keeps streaming, trailers and errors intact.
            var dataPlane = new GatewayDataPlane(NullLoggerFactory.Instance, TimeProvider.System, accessLog: new Switchyard.Gateway.Telemetry.AccessLogQueue());
            var bound = await dataPlane.ApplyAsync(result.Snapshot, CancellationToken.None);
            if (bound.All(b => b.Success))
            {
                return new GrpcGateway(dataPlane, result, httpPort, httpsPort);
            }

            await dataPlane.DisposeAsync();
            Assert.True(attempt < 5, string.Join("; ", bound.Where(b => !b.Success).Select(b => b.ListenerId + ": " + b.Error)));
        }
    }

    /// <summary>The computed status of a route, for asserting on its conditions.</summary>
    public RouteStatus RouteStatus(string kind, string name, string ns = "apps") =>
        (RouteStatus)Result.Status[new ResourceKey(GatewayApiGroup.Name, kind, ns, name)];

    /// <summary>A channel whose calls carry <paramref name="authority"/> and go to the HTTP (h2c) or HTTPS listener.</summary>
    public GrpcChannel Channel(string authority, bool tls = false)
    {
        var target = tls ? Https : Http;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            EnableMultipleHttp2Connections = true,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, token);
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
                // The test certificates are self-signed; what matters is that TLS with ALPN h2 carries the call.
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            },
        };
        var channel = GrpcChannel.ForAddress((tls ? "https://" : "http://") + authority, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        _channels.Add(channel);
        return channel;
    }

    /// <summary>A plain HttpClient (HTTP/1.1 by default) connected to the HTTP listener.</summary>
    public HttpClient HttpClient(Version? version = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(Http, token);
                return new NetworkStream(socket, ownsSocket: true);
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
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await DataPlane.DisposeAsync();
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(Address), 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
