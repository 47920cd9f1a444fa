using System.Net;
using System.Net.Sockets;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// The idle keep-alive connections to one backend endpoint, most recently used first (so the hottest connection is
/// reused and the coldest ones time out). Connections idle past the idle timeout are closed when met and by a
/// scavenger timer that runs while anything is idle. After <see cref="Dispose"/> nothing is pooled any more.
/// </summary>
internal sealed class Http1ConnectionPool : IDisposable
{
    /// <summary>Idle connections kept per endpoint; more are closed when returned.</summary>
    private const int MaxIdle = 1024;

    private readonly IPEndPoint _endPoint;
    private readonly TimeProvider _time;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly long _idleTimeoutTicks;
    private readonly Lock _lock = new();

    // Oldest first: a stack whose bottom is scavenged.
    private readonly List<Http1Connection> _idle = [];
    private ITimer? _scavenger;
    private bool _scavengerArmed;
    private bool _disposed;
    private int _opened;

    public Http1ConnectionPool(IPEndPoint endPoint, string authority, TimeProvider time, TimeSpan connectTimeout, TimeSpan idleTimeout, TimeSpan activityTimeout)
    {
        _endPoint = endPoint;
        _time = time;
        _connectTimeout = connectTimeout;
        _idleTimeout = idleTimeout;
        _idleTimeoutTicks = (long)(idleTimeout.TotalSeconds * time.TimestampFrequency);
        ActivityTimeout = activityTimeout;
        Authority = authority;
    }

    /// <summary><c>address:port</c>, the Host header for requests that have none (HTTP/1.0).</summary>
    public string Authority { get; }

    public TimeSpan ActivityTimeout { get; }

    /// <summary>Connections opened so far (for tests and diagnostics).</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>An idle connection, or null. With <paramref name="check"/>, one idle for a while is probed first.</summary>
    public Http1Connection? Rent(bool check)
    {
        var now = _time.GetTimestamp();
        while (true)
        {
            Http1Connection? connection;
            lock (_lock)
            {
                if (_idle.Count == 0)
                {
                    return null;
                }

                connection = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
            }

            var idle = now - connection.IdleSince;
            if (idle < _idleTimeoutTicks && (!check || idle < _time.TimestampFrequency || connection.IsIdleUsable()))
            {
                return connection;
            }

            connection.Dispose();
        }
    }

    /// <summary>Opens a new connection within the connect timeout; throws what the connect threw.</summary>
    public async ValueTask<Http1Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_connectTimeout);
            try
            {
                await socket.ConnectAsync(_endPoint, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Concat("connect to ", _endPoint.ToString(), " timed out"));
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _opened);
        return new Http1Connection(socket, _time, ActivityTimeout);
    }

    /// <summary>Pools a connection whose last exchange completed cleanly.</summary>
    public void Return(Http1Connection connection)
    {
        connection.IdleSince = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Add(connection);
                if (!_scavengerArmed)
                {
                    _scavengerArmed = true;
                    _scavenger ??= _time.CreateTimer(static state => ((Http1ConnectionPool)state!).Scavenge(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    _scavenger.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
                }

                return;
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        List<Http1Connection> idle;
        lock (_lock)
        {
            _disposed = true;
            _scavenger?.Dispose();
            _scavenger = null;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }

    private void Scavenge()
    {
        var now = _time.GetTimestamp();
        List<Http1Connection>? expired = null;
        lock (_lock)
        {
            _scavengerArmed = false;
            if (_disposed)
            {
                return;
            }

            var count = 0;
            while (count < _idle.Count && now - _idle[count].IdleSince >= _idleTimeoutTicks)
            {
                count++;
            }

            if (count > 0)
            {
                expired = _idle.GetRange(0, count);
                _idle.RemoveRange(0, count);
            }

            if (_idle.Count > 0)
            {
                // Next check when the oldest remaining connection expires.
                _scavengerArmed = true;
                var remaining = _idleTimeoutTicks - (now - _idle[0].IdleSince);
                _scavenger!.Change(TimeSpan.FromSeconds(Math.Max(remaining, 0) / (double)_time.TimestampFrequency) + TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
            }
        }

        foreach (var connection in expired ?? [])
        {
            connection.Dispose();
        }
    }
}
