using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Hosting;

/// <summary>
/// One Kestrel server bound to one address:port. It lives across snapshots while the binding and protocol stay the
/// same; each snapshot only replaces <see cref="Current"/>, which requests and TLS handshakes read once.
/// </summary>
internal sealed class ListenerHost
{
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly RequestHandler _handler;
    private readonly TimeSpan _handshakeTimeout;
    private readonly KeyValuePair<string, object?> _listenerTag;
    private CompiledListener _current;
    private KestrelServer? _server;

    public ListenerHost(
        IPEndPoint endPoint,
        ListenerProtocol protocol,
        CompiledListener initial,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        RequestHandler handler,
        TimeSpan handshakeTimeout)
    {
        EndPoint = endPoint;
        Protocol = protocol;
        _current = initial;
        _services = services;
        _loggerFactory = loggerFactory;
        _handler = handler;
        _handshakeTimeout = handshakeTimeout;
        _listenerTag = new KeyValuePair<string, object?>("listener", initial.Listener.Id);
    }

    /// <summary>The configured endpoint (port may be 0).</summary>
    public IPEndPoint EndPoint { get; }

    public ListenerProtocol Protocol { get; }

    /// <summary>The endpoint actually bound, once started.</summary>
    public IPEndPoint? BoundEndPoint { get; private set; }

    public CompiledListener Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Binds and starts serving; returns null on success or the reason the bind failed.</summary>
    public async Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = _services,

            // h2c requests carry ":scheme http" on a connection presented to Kestrel as TLS (see H2cPriorKnowledge).
            AllowAlternateSchemes = Protocol == ListenerProtocol.Http,
        };

        // A proxy streams bodies through; the 30 MB default is a limit for applications.
        options.Limits.MaxRequestBodySize = null;
        ListenOptions? listenOptions = null;
        options.Listen(EndPoint, listen =>
        {
            listenOptions = listen;
            listen.Use(next => connection => CountConnectionAsync(next, connection));
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            if (Protocol == ListenerProtocol.Http)
            {
                listen.UseH2cPriorKnowledge();
            }
            else
            {
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = static context =>
                        ValueTask.FromResult(((ListenerHost)context.State!).Current.Certificates!.CreateOptions(context.ClientHelloInfo.ServerName)),
                    OnConnectionState = this,
                    HandshakeTimeout = _handshakeTimeout,
                });
            }
        });

        var server = new KestrelServer(Options.Create(options), _services.GetRequiredService<IConnectionListenerFactory>(), _loggerFactory);
        try
        {
            await server.StartAsync(new ListenerApplication(this, _handler), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or UnauthorizedAccessException)
        {
            server.Dispose();
            return ex.InnerException?.Message is { Length: > 0 } inner && !ex.Message.Contains(inner, StringComparison.Ordinal)
                ? string.Concat(ex.Message, " (", inner, ")")
                : ex.Message;
        }

        BoundEndPoint = listenOptions?.IPEndPoint ?? EndPoint;
        _server = server;
        return null;
    }

    /// <summary>Counts the connection in <c>switchyard.gateway.connections.active</c> while it is open.</summary>
    private async Task CountConnectionAsync(ConnectionDelegate next, ConnectionContext connection)
    {
        var active = _handler.Metrics.ActiveConnections;
        if (!active.Enabled)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        active.Add(1, _listenerTag);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            active.Add(-1, _listenerTag);
        }
    }

    /// <summary>Stops accepting, lets open requests finish until <paramref name="cancellationToken"/> fires, then aborts.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null)
        {
            return;
        }

        try
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            server.Dispose();
        }
    }
}
