using System.Net;
using System.Net.Sockets;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>
/// One TCP socket serving a TLS listener (Gateway API protocol TLS). It lives across snapshots while its binding stays;
/// each snapshot replaces <see cref="Current"/>, which new connections read once. Connections a new snapshot no longer
/// routes the same way (route gone, endpoint gone, mode changed) are closed after the drain timeout; the others are
/// left alone. Stopping closes the socket at once and lets connections finish until the caller's deadline.
/// </summary>
internal sealed partial class TlsListenerHost
{
    private const int Backlog = 1024;

    private readonly TlsRoutingContext _context;
    private readonly Lock _gate = new();
    private readonly HashSet<TlsConnection> _connections = [];
    private readonly KeyValuePair<string, object?> _listenerTag;
    private CompiledTlsListener _current;
    private Socket? _socket;
    private ITimer? _sweeper;
    private TaskCompletionSource? _allClosed;
    private bool _stopping;

    public TlsListenerHost(IPEndPoint endPoint, CompiledTlsListener initial, TlsRoutingContext context)
    {
        EndPoint = endPoint;
        _current = initial;
        _context = context;
        Id = initial.Listener.Id;
        _listenerTag = new KeyValuePair<string, object?>("listener", Id);
    }

    /// <summary>The IR listener id (its binding), for logs and metric tags.</summary>
    public string Id { get; }

    /// <summary>The configured endpoint (port may be 0).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The endpoint actually bound, once started.</summary>
    public IPEndPoint? BoundEndPoint { get; private set; }

    public CompiledTlsListener Current => Volatile.Read(ref _current);

    /// <summary>Open connections (routed or still reading their ClientHello).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Binds and starts accepting; returns null on success or why the bind failed.</summary>
    public string? Start()
    {
        var socket = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Lets the port be bound again at once after a stop, while accepted connections linger in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (EndPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(EndPoint);
            socket.Listen(Backlog);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return e.Message;
        }

        BoundEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _socket = socket;
        var idle = _context.Options.TlsIdleTimeout;
        var sweep = idle < TimeSpan.FromSeconds(2) ? idle / 2 : TimeSpan.FromSeconds(1);
        _sweeper = _context.Time.CreateTimer(static state => ((TlsListenerHost)state!).SweepIdle(), this, sweep, sweep);
        _ = AcceptLoopAsync(socket);
        return null;
    }

    /// <summary>Swaps in a new snapshot; connections it no longer routes the same way get the drain timeout to finish.</summary>
    public void Swap(CompiledTlsListener next)
    {
        Volatile.Write(ref _current, next);
        var stale = 0;
        foreach (var connection in Snapshot())
        {
            if (!connection.Draining && !connection.StillRouted(next))
            {
                connection.Drain(_context.Options.DrainTimeout);
                stale++;
            }
        }

        if (stale > 0)
        {
            Log.ConnectionsDraining(_context.Logger, Id, stale, _context.Options.DrainTimeout.TotalSeconds, next.Generation);
        }
    }

    /// <summary>Stops accepting at once, then waits for open connections until <paramref name="cancellationToken"/> fires and resets the rest.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task allClosed;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            _allClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_connections.Count == 0)
            {
                _allClosed.TrySetResult();
            }

            allClosed = _allClosed.Task;
        }

        _socket?.Dispose();
        _sweeper?.Dispose();
        try
        {
            await allClosed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            foreach (var connection in Snapshot())
            {
                connection.Abort();
            }

            try
            {
                // Aborted connections end at once; the bound only guards against one that does not.
                await allClosed.WaitAsync(TimeSpan.FromSeconds(5), _context.Time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.StopTimedOut(_context.Logger, Id, ConnectionCount);
            }
        }
    }

    private TlsConnection[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }

    private void SweepIdle()
    {
        var now = _context.Time.GetTimestamp();
        foreach (var connection in Snapshot())
        {
            connection.CheckIdle(now);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown)
            {
                return;
            }
            catch (SocketException e)
            {
                // Transient accept failures (e.g. too many open files) must not end the loop.
                Log.AcceptFailed(_context.Logger, Id, e.SocketErrorCode);
                continue;
            }

            var connection = new TlsConnection(this, _context, client);
            if (!TryTrack(connection))
            {
                TlsConnection.Reset(client);
                continue;
            }

            _ = RunAsync(connection);
        }
    }

    private bool TryTrack(TlsConnection connection)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            if (_connections.Count >= _context.Options.MaxTlsConnections)
            {
                var counter = _context.Metrics.TlsConnections;
                if (counter.Enabled)
                {
                    counter.Add(1, _listenerTag, new KeyValuePair<string, object?>("route", "none"), new KeyValuePair<string, object?>("result", TlsOutcome.Limit));
                }

                Log.ConnectionLimit(_context.Logger, Id, _context.Options.MaxTlsConnections);
                return false;
            }

            _connections.Add(connection);
            return true;
        }
    }

    private async Task RunAsync(TlsConnection connection)
    {
        var active = _context.Metrics.ActiveConnections;
        var counted = active.Enabled;
        if (counted)
        {
            active.Add(1, _listenerTag);
        }

        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            if (counted)
            {
                active.Add(-1, _listenerTag);
            }

            lock (_gate)
            {
                _connections.Remove(connection);
                if (_stopping && _connections.Count == 0)
                {
                    _allClosed?.TrySetResult();
                }
            }
        }
    }
}
