using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>
/// One client connection on a TLS listener: peeks at the ClientHello, picks the route by SNI and a backend by weight,
/// connects to an endpoint, and relays. In Passthrough mode the peeked bytes go to the backend first and TLS stays
/// end to end; in Terminate mode they feed the gateway's own TLS handshake and the backend gets the plain bytes.
/// </summary>
internal sealed partial class TlsConnection
{
    private const int InitialPeekBuffer = 4096;

    private readonly TlsListenerHost _host;
    private readonly TlsRoutingContext _context;
    private readonly Socket _client;
    private Socket? _upstream;
    private SslStream? _tls;
    private ITimer? _drainTimer;
    private long _lastActivity;

    // The bytes read to find the ClientHello, replayed to the backend (Passthrough) or the TLS handshake (Terminate).
    private byte[] _peek = ArrayPool<byte>.Shared.Rent(InitialPeekBuffer);
    private int _peekLength;
    private int _aborted;

    // Set once the connection is routed (then read by snapshot swaps to decide whether it may stay).
    private volatile Routed? _routed;

    public TlsConnection(TlsListenerHost host, TlsRoutingContext context, Socket client)
    {
        _host = host;
        _context = context;
        _client = client;
        _lastActivity = context.Time.GetTimestamp();
    }

    /// <summary>True once the connection was told to close at the end of a drain.</summary>
    public bool Draining => Volatile.Read(ref _drainTimer) is not null;

    public async Task RunAsync()
    {
        var outcome = TlsOutcome.InvalidClientHello;
        string? routeId = null;
        try
        {
            _client.NoDelay = true;

            // Bounds the wait for the ClientHello and, in Terminate mode, the handshake; not the relay.
            using var timeout = new CancellationTokenSource(_context.Options.TlsHandshakeTimeout, _context.Time);
            var (serverName, error) = await ReadClientHelloAsync(timeout.Token).ConfigureAwait(false);
            if (error is not null)
            {
                TlsListenerHost.Log.ClientHelloRefused(_context.Logger, _host.Id, error);
                return;
            }

            // One snapshot per connection, read once the client has said which name it wants.
            var (host, route) = _host.Current.Find(serverName);
            if (host is null || route is null)
            {
                outcome = TlsOutcome.NoRoute;
                TlsListenerHost.Log.NoRoute(_context.Logger, _host.Id, serverName ?? "(none)");
                return;
            }

            routeId = route.Id;
            var backend = route.Pick();
            if (backend?.Cluster is not { } cluster)
            {
                outcome = TlsOutcome.Rejected;
                return;
            }

            Stream clientStream = new NetworkStream(_client, ownsSocket: false);
            if (host.Mode == TlsMode.Terminate)
            {
                outcome = TlsOutcome.HandshakeFailed;
                if (host.CreateServerOptions(serverName) is not { } serverOptions)
                {
                    return;
                }

                _tls = new SslStream(new ReplayStream(_peek, _peekLength, clientStream), leaveInnerStreamOpen: false);
                await _tls.AuthenticateAsServerAsync(serverOptions, timeout.Token).ConfigureAwait(false);
                clientStream = _tls;
            }

            timeout.Dispose();
            var endpoint = await ConnectAsync(cluster, route.Id).ConfigureAwait(false);
            if (endpoint is null)
            {
                outcome = cluster.Endpoints.Length == 0 ? TlsOutcome.NoEndpoint : TlsOutcome.ConnectFailed;
                return;
            }

            _routed = new Routed(serverName, host.Id, host.Mode, route.Id, backend.ClusterId, endpoint);
            var upstreamStream = new NetworkStream(_upstream!, ownsSocket: false);
            Record(TlsOutcome.Forwarded, routeId);
            outcome = string.Empty;
            endpoint.Enter();
            try
            {
                if (host.Mode == TlsMode.Passthrough)
                {
                    // The ClientHello the backend must see, exactly as the client sent it.
                    await upstreamStream.WriteAsync(_peek.AsMemory(0, _peekLength), CancellationToken.None).ConfigureAwait(false);
                }

                await RelayAsync(clientStream, upstreamStream).ConfigureAwait(false);
            }
            finally
            {
                endpoint.Leave();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away, the handshake failed or timed out, or a drain aborted the connection.
            if (e is OperationCanceledException && outcome == TlsOutcome.InvalidClientHello)
            {
                outcome = TlsOutcome.Timeout;
            }

            TlsListenerHost.Log.ConnectionEnded(_context.Logger, _host.Id, routeId ?? "none", e.Message);
        }
        finally
        {
            if (outcome.Length > 0)
            {
                Record(outcome, routeId);
            }

            Close();
            ArrayPool<byte>.Shared.Return(_peek);
        }
    }

    /// <summary>Whether this connection may stay after a snapshot swap: its name still leads to the same listener, route and endpoint.</summary>
    public bool StillRouted(CompiledTlsListener next)
    {
        if (_routed is not { } routed)
        {
            // Still reading its ClientHello: it will route with whatever snapshot is current then.
            return true;
        }

        var (host, route) = next.Find(routed.ServerName);
        return host is not null && route is not null
            && string.Equals(host.Id, routed.HostId, StringComparison.Ordinal) && host.Mode == routed.Mode
            && string.Equals(route.Id, routed.RouteId, StringComparison.Ordinal)
            && route.Reaches(routed.ClusterId, routed.Endpoint);
    }

    /// <summary>Closes the connection after <paramref name="grace"/> (at once for zero), unless it ends by itself first.</summary>
    public void Drain(TimeSpan grace)
    {
        if (grace <= TimeSpan.Zero)
        {
            Abort();
            return;
        }

        var timer = _context.Time.CreateTimer(static state => ((TlsConnection)state!).Abort(), this, grace, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _drainTimer, timer, null) is not null)
        {
            timer.Dispose();
        }
    }

    /// <summary>Closes the connection if nothing moved for the idle timeout.</summary>
    public void CheckIdle(long now)
    {
        if (_context.Time.GetElapsedTime(Volatile.Read(ref _lastActivity), now) >= _context.Options.TlsIdleTimeout)
        {
            Abort();
        }
    }

    /// <summary>Ends both sides at once with a reset.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        Reset(_client);
        if (Volatile.Read(ref _upstream) is { } upstream)
        {
            Reset(upstream);
        }
    }

    /// <summary>Closes with an RST, as a kernel does for a connection nobody takes.</summary>
    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer, or already closed.
        }

        socket.Dispose();
    }

    private void Close()
    {
        Volatile.Read(ref _drainTimer)?.Dispose();
        _tls?.Dispose();
        _client.Dispose();
        _upstream?.Dispose();
    }

    private void Record(string outcome, string? routeId)
    {
        var counter = _context.Metrics.TlsConnections;
        if (counter.Enabled)
        {
            counter.Add(
                1,
                new KeyValuePair<string, object?>("listener", _host.Id),
                new KeyValuePair<string, object?>("route", routeId ?? "none"),
                new KeyValuePair<string, object?>("result", outcome));
        }
    }

    /// <summary>Reads until the ClientHello is whole (into <see cref="_peek"/>); returns the name or why there is none.</summary>
    private async ValueTask<(string? ServerName, string? Error)> ReadClientHelloAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_peekLength == _peek.Length)
            {
                // The parser refuses more than MaxBufferedLength, so the buffer never grows past it.
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_peek.Length * 2, ClientHelloParser.MaxBufferedLength));
                _peek.AsSpan(0, _peekLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_peek);
                _peek = larger;
            }

            var read = await _client.ReceiveAsync(_peek.AsMemory(_peekLength), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (null, "the client closed before sending a whole ClientHello");
            }

            _peekLength += read;
            Touch();
            switch (ClientHelloParser.Parse(_peek.AsSpan(0, _peekLength), out var serverName, out var error))
            {
                case ClientHelloStatus.Complete:
                    return (serverName, null);
                case ClientHelloStatus.Invalid:
                    return (null, error ?? "invalid ClientHello");
            }
        }
    }

    /// <summary>Connects to an endpoint of <paramref name="cluster"/>, trying others when one fails; null when none answered.</summary>
    private async ValueTask<EndpointState?> ConnectAsync(CompiledCluster cluster, string routeId)
    {
        var options = _context.Options;
        var attempts = Math.Min(TlsRoutingContext.ConnectAttempts, cluster.Endpoints.Length);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (cluster.PickEndpoint(_context.Time) is not { EndPoint: { } target } endpoint)
            {
                return null;
            }

            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            Volatile.Write(ref _upstream, socket);
            if (Volatile.Read(ref _aborted) != 0)
            {
                // A drain closed the connection while it was being set up.
                socket.Dispose();
                return null;
            }

            using var timeout = new CancellationTokenSource(cluster.Cluster.ConnectTimeout ?? options.ConnectTimeout, _context.Time);
            try
            {
                await socket.ConnectAsync(target, timeout.Token).ConfigureAwait(false);
                endpoint.ReportSuccess();
                return endpoint;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                Volatile.Write(ref _upstream, null);
                if (Volatile.Read(ref _aborted) != 0)
                {
                    return null;
                }

                var backoff = endpoint.ReportConnectFailure(_context.Time, options.EjectionBaseBackoff, options.EjectionMaxBackoff);
                if (_context.Metrics.ConnectErrors.Enabled)
                {
                    _context.Metrics.ConnectErrors.Add(1, new KeyValuePair<string, object?>("service", cluster.Cluster.Service));
                }

                TlsListenerHost.Log.ConnectFailed(_context.Logger, routeId, endpoint.Authority, backoff.TotalSeconds, e.Message);
            }
        }

        return null;
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _context.Time.GetTimestamp());

    private sealed record Routed(string? ServerName, string HostId, TlsMode Mode, string RouteId, string ClusterId, EndpointState Endpoint);
}
