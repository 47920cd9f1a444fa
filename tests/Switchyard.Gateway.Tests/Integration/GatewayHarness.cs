using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>
/// A data plane serving a snapshot on loopback, plus an HttpClient that connects every request to the gateway
/// whatever the URL's host, so that the URL's host becomes the Host header and the TLS SNI name.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private GatewayHarness(GatewayDataPlane dataPlane, IReadOnlyList<ListenerBindResult> results)
    {
        DataPlane = dataPlane;
        Results = results;
        Client = CreateClient(() => Gateway);
    }

    public GatewayDataPlane DataPlane { get; }

    public IReadOnlyList<ListenerBindResult> Results { get; private set; }

    /// <summary>The first listener's bound endpoint.</summary>
    public IPEndPoint Gateway => Results[0].EndPoint!;

    public int Port => Gateway.Port;

    public HttpClient Client { get; }

    /// <summary>The subject of the certificate each TLS connection was served, in order.</summary>
    public List<string> ServedCertificates { get; } = [];

    /// <summary>The thumbprint of the certificate each TLS connection was served, in order.</summary>
    public List<string> ServedThumbprints { get; } = [];

    public static async Task<GatewayHarness> StartAsync(
        Snapshot snapshot,
        GatewayDataPlaneOptions? options = null,
        bool requireSuccess = true,
        IMeterFactory? meterFactory = null,
        ILoggerFactory? loggerFactory = null)
    {
        var dataPlane = new GatewayDataPlane(loggerFactory ?? NullLoggerFactory.Instance, TimeProvider.System, options, meterFactory);
        var results = await dataPlane.ApplyAsync(snapshot, CancellationToken.None);
        if (requireSuccess)
        {
            Assert.All(results, r => Assert.True(r.Success, r.ListenerId + ": " + r.Error));
        }

        return new GatewayHarness(dataPlane, results);
    }

    public static Snapshot Snapshot(IEnumerable<BackendCluster> clusters, params VirtualHost[] hosts) => new()
    {
        Generation = 1,
        Listeners = [TestIr.Listener(hosts)],
        Clusters = [.. clusters],
    };

    /// <summary>A client that connects to <paramref name="target"/> for every URL.</summary>
    public HttpClient CreateClient(Func<IPEndPoint> target, Version? version = null, HttpVersionPolicy policy = HttpVersionPolicy.RequestVersionOrLower)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target(), token);
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
                        ServedThumbprints.Add(served?.Thumbprint ?? "(none)");
                    }

                    return true;
                },
            },
        };
        return new HttpClient(handler)
        {
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = policy,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    public async Task<IReadOnlyList<ListenerBindResult>> ApplyAsync(Snapshot snapshot)
    {
        Results = await DataPlane.ApplyAsync(snapshot, CancellationToken.None);
        return Results;
    }

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

    public async Task<EchoReply> EchoAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return await EchoReply.ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await DataPlane.DisposeAsync();
    }
}
