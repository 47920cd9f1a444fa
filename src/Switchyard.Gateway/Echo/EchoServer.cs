using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Switchyard.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchyard.Gateway.Echo;

/// <summary>
/// A small HTTP echo backend (for <c>switchyard echo</c> and the integration tests). Every request is answered with
/// JSON <c>{"backend", "method", "path", "host", "protocol", "headers"}</c>; WebSocket requests get their messages
/// echoed back. HTTP/1.1 and HTTP/2 with prior knowledge (h2c) are served on the same port; with a certificate, HTTPS
/// (ALPN h2 and http/1.1) instead.
/// Two request headers steer it: <c>X-Echo-Delay-Ms</c> delays the answer, <c>X-Echo-Status</c> sets its status.
/// </summary>
public sealed class EchoServer : IAsyncDisposable
{
    /// <summary>Delays the answer by this many milliseconds.</summary>
    public const string DelayHeader = "X-Echo-Delay-Ms";

    /// <summary>Answers with this status code.</summary>
    public const string StatusHeader = "X-Echo-Status";

    private const int ReceivedLimit = 10_000;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<EchoRequest> _received = new();
    private int _requestCount;

    private EchoServer(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    /// <summary>The endpoint bound (with the real port when started on port 0).</summary>
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>Number of requests received (WebSocket sessions included).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>The most recent requests received (up to 10,000), oldest first.</summary>
    public IReadOnlyCollection<EchoRequest> Received => _received;

    public static async Task<EchoServer> StartAsync(
        IPEndPoint listen,
        string name,
        ILoggerFactory? loggerFactory = null,
        X509Certificate2? certificate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory ?? NullLoggerFactory.Instance);
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.AllowAlternateSchemes = true;
            options.Listen(listen, listenOptions =>
            {
                if (certificate is null)
                {
                    listenOptions.UseH2cPriorKnowledge();
                }
                else
                {
                    listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
                    listenOptions.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificate,
                        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    });
                }
            });
        });

        var app = builder.Build();
        var server = new EchoServer(name, app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Urls.FirstOrDefault() ?? string.Concat("http://", listen.ToString());

        var port = new Uri(address).Port;
        server.EndPoint = new IPEndPoint(listen.Address, port);
        return server;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task EchoWebSocketAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        H2cPriorKnowledge.FixScheme(context);
        var request = context.Request;
        var headers = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value.ToArray());
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var echo = new EchoRequest
        {
            Method = request.Method,
            Path = string.IsNullOrEmpty(target) ? string.Concat(request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent()) : target,
            Host = request.Headers.Host.ToString(),
            Protocol = request.Protocol,
            Headers = headers.ToImmutable(),
        };
        _received.Enqueue(echo);
        while (_received.Count > ReceivedLimit && _received.TryDequeue(out _))
        {
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            await EchoWebSocketAsync(context).ConfigureAwait(false);
            return;
        }

        if (int.TryParse(request.Headers[DelayHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out var delay) && delay > 0)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var response = context.Response;
        if (int.TryParse(request.Headers[StatusHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599)
        {
            response.StatusCode = status;
        }

        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("backend", Name);
            json.WriteString("method", echo.Method);
            json.WriteString("path", echo.Path);
            json.WriteString("host", echo.Host);
            json.WriteString("protocol", echo.Protocol);
            json.WriteStartObject("headers");
            foreach (var (name, value) in echo.Headers)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
