using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Switchyard.Probing;

/// <summary>
/// Runs one probe attempt the way the kubelet does: HTTP GET without keep-alive, same-host redirects followed (a
/// redirect elsewhere counts as success), 200–399 success, certificates not verified; a TCP connect; a grpc.health.v1 Check that must answer SERVING.
/// Every connection goes through <see cref="ReadinessProberOptions.AllowTarget"/>.
/// </summary>
internal sealed class ProbeRunner : IDisposable
{
    private readonly ReadinessProberOptions _options;
    private readonly SocketsHttpHandler _handler;
    private readonly HttpMessageInvoker _http;

    private readonly TimeProvider _time;

    public ProbeRunner(ReadinessProberOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectAsync,
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
            EnableMultipleHttp2Connections = true,
        };
        _http = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    /// <summary>A gRPC channel for a probe target, sharing the prober's handler (and its target check).</summary>
    public GrpcChannel CreateChannel(ProbeSpec spec) =>
        GrpcChannel.ForAddress(new UriBuilder("http", spec.Host, spec.Port).Uri, new GrpcChannelOptions { HttpHandler = _handler, DisposeHttpClient = false });

    public async Task<bool> RunAsync(ProbeSpec spec, GrpcChannel? channel, CancellationToken cancellationToken)
    {
        if (spec.Problem is not null || spec.Port == 0 || spec.Host.Length == 0)
        {
            return false;
        }

        using var deadline = new CancellationTokenSource(spec.Timeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return spec.Kind switch
            {
                ProbeKind.HttpGet => await HttpGetAsync(spec, timeout.Token).ConfigureAwait(false),
                ProbeKind.TcpSocket => await TcpAsync(spec, timeout.Token).ConfigureAwait(false),
                ProbeKind.Grpc when channel is not null => await GrpcAsync(spec, channel, timeout.Token).ConfigureAwait(false),
                _ => false,
            };
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or RpcException or IOException)
        {
            return false;
        }
    }

    // The kubelet follows up to 10 redirects to the same host name; a redirect to another host ends the probe as a
    // success (it warns); a 3xx without a usable Location counts as the 200-399 success it is.
    private const int MaxRedirects = 10;

    private async Task<bool> HttpGetAsync(ProbeSpec spec, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(spec.Https ? "https" : "http", spec.Host, spec.Port);
        var pathAndQuery = spec.Path.Split('?', 2);
        builder.Path = pathAndQuery[0];
        if (pathAndQuery.Length == 2)
        {
            builder.Query = pathAndQuery[1];
        }

        var uri = builder.Uri;
        for (var redirects = 0; ; redirects++)
        {
            using var request = Request(spec, uri);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is < 300 or >= 400 || response.Headers.Location is not { } location)
            {
                return status is >= 200 and < 400;
            }

            if (redirects == MaxRedirects)
            {
                return false;
            }

            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (!string.Equals(next.Host, uri.Host, StringComparison.OrdinalIgnoreCase) || next.Scheme is not ("http" or "https"))
            {
                return true;
            }

            uri = next;
        }
    }

    private HttpRequestMessage Request(ProbeSpec spec, Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        foreach (var (name, value) in spec.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (string.Equals(name, "User-Agent", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private async Task<bool> TcpAsync(ProbeSpec spec, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(new DnsEndPoint(spec.Host, spec.Port), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> GrpcAsync(ProbeSpec spec, GrpcChannel channel, CancellationToken cancellationToken)
    {
        var client = new Health.HealthClient(channel);
        var response = await client.CheckAsync(new HealthCheckRequest { Service = spec.GrpcService }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
    }

    private ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectStreamAsync(context.DnsEndPoint, cancellationToken);

    private async ValueTask<Stream> ConnectStreamAsync(DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task<Socket> ConnectAsync(DnsEndPoint target, CancellationToken cancellationToken)
    {
        IPAddress address;
        if (!IPAddress.TryParse(target.Host, out address!))
        {
            var addresses = await Dns.GetHostAddressesAsync(target.Host, cancellationToken).ConfigureAwait(false);
            address = addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
        }

        if (_options.AllowTarget is { } allow && !allow(address))
        {
            throw new SocketException((int)SocketError.AccessDenied);
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
