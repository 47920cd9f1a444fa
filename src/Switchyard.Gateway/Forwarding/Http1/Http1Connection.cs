using System.Buffers;
using System.Net.Sockets;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// One keep-alive TCP connection to a backend endpoint, used by one exchange at a time (never pipelined). Owns a read
/// buffer (response bytes not yet consumed) and a write buffer (request head, chunk framing). An activity timer aborts
/// the socket when an exchange sees no upstream or client progress for the pool's activity timeout: it is armed lazily
/// and re-armed from the last activity, so an exchange costs one timestamp per I/O rather than a timer change.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly long _activityTimeoutTicks;
    private readonly TimeSpan _activityTimeout;
    private readonly Lock _timerLock = new();
    private ITimer? _timer;
    private byte[] _read;
    private byte[] _write;
    private int _readStart;
    private int _readEnd;
    private long _lastActivity;
    private int _active;
    private int _armed;
    private int _abortReason;
    private int _disposed;

    public Http1Connection(Socket socket, TimeProvider time, TimeSpan activityTimeout)
    {
        _socket = socket;
        _time = time;
        _activityTimeout = activityTimeout;
        _activityTimeoutTicks = (long)(activityTimeout.TotalSeconds * time.TimestampFrequency);
        _read = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        _write = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The last value string seen per known response header name, reused while the bytes are the same.</summary>
    public string?[] ValueCache { get; } = new string?[Http1ResponseHeaders.Count];

    /// <summary>When the connection went back to the pool (timestamp), for the idle timeout.</summary>
    public long IdleSince { get; set; }

    public Http1AbortReason AbortReason => (Http1AbortReason)Volatile.Read(ref _abortReason);

    /// <summary>Bytes received and not yet consumed.</summary>
    public ReadOnlySpan<byte> Buffered => _read.AsSpan(_readStart, _readEnd - _readStart);

    public int BufferedCount => _readEnd - _readStart;

    /// <summary>The write buffer, at least <paramref name="size"/> bytes (contents are not kept when it grows).</summary>
    public byte[] WriteBuffer(int size)
    {
        if (_write.Length < size)
        {
            ArrayPool<byte>.Shared.Return(_write);
            _write = ArrayPool<byte>.Shared.Rent(size);
        }

        return _write;
    }

    /// <summary>Grows the write buffer keeping its first <paramref name="used"/> bytes.</summary>
    public byte[] GrowWriteBuffer(int used, int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, _write.Length * 2));
        _write.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_write);
        _write = larger;
        return larger;
    }

    public void Consume(int count)
    {
        _readStart += count;
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
        }
    }

    /// <summary>Starts an exchange: activity counts from now and the timer is armed if it is not already.</summary>
    public void BeginExchange()
    {
        RequestBodyBytes = 0;
        ResponseBodyBytes = 0;
        _lastActivity = _time.GetTimestamp();
        Interlocked.Exchange(ref _active, 1);
        if (Volatile.Read(ref _armed) == 0)
        {
            Arm(_activityTimeout);
        }
    }

    public void EndExchange() => Volatile.Write(ref _active, 0);

    /// <summary>Request body bytes sent upstream in the current exchange (the access log's bytes_in).</summary>
    public long RequestBodyBytes { get; set; }

    /// <summary>Response body bytes handed to the client in the current exchange (the access log's bytes_out).</summary>
    public long ResponseBodyBytes { get; set; }

    /// <summary>Records progress of the exchange (the activity timeout counts from the last one).</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>
    /// Starts receiving more bytes after those buffered; pass the count to <see cref="EndFill"/>. A begin/end pair
    /// rather than one async method: the caller's state machine awaits the socket directly, so a read allocates no
    /// state machine of its own (pooled boxes run out with many requests in flight; they were a quarter of the bytes
    /// allocated per proxied request).
    /// </summary>
    /// <param name="limit">Largest buffer this read may grow to (the response head limit while reading a head).</param>
    public ValueTask<int> BeginFill(int limit)
    {
        if (_readEnd == _read.Length)
        {
            MakeRoom(limit);
        }

        return _socket.ReceiveAsync(_read.AsMemory(_readEnd), SocketFlags.None);
    }

    /// <summary>Takes the bytes a <see cref="BeginFill"/> received; false when the backend closed the connection.</summary>
    public bool EndFill(int received)
    {
        Touch();
        if (received == 0)
        {
            return false;
        }

        _readEnd += received;
        return true;
    }

    /// <summary>True when the buffer is full and cannot grow within <paramref name="limit"/>.</summary>
    public bool IsFull(int limit) => _readStart == 0 && _readEnd == _read.Length && _read.Length >= limit;

    /// <summary>
    /// Receives directly into <paramref name="destination"/> (nothing may be buffered); 0 when closed. The caller
    /// calls <see cref="Touch"/> after it completes (no async wrapper, see <see cref="BeginFill"/>).
    /// </summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> destination) => _socket.ReceiveAsync(destination, SocketFlags.None);

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }

        Touch();
    }

    public ValueTask SendWriteBufferAsync(int length) => SendAsync(_write.AsMemory(0, length));

    /// <summary>False when the backend has closed (or sent unexpected bytes on) this idle connection.</summary>
    public bool IsIdleUsable()
    {
        try
        {
            return !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Closes the socket so pending operations fail; the first reason wins. Safe from any thread.</summary>
    public void Abort(Http1AbortReason reason)
    {
        Interlocked.CompareExchange(ref _abortReason, (int)reason, 0);
        try
        {
            _socket.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_timerLock)
        {
            _timer?.Dispose();
            _timer = null;
        }

        _socket.Dispose();
        ArrayPool<byte>.Shared.Return(_read);
        ArrayPool<byte>.Shared.Return(_write);
        _read = _write = [];
    }

    private void MakeRoom(int limit)
    {
        if (_readStart > 0)
        {
            _read.AsSpan(_readStart, _readEnd - _readStart).CopyTo(_read);
            _readEnd -= _readStart;
            _readStart = 0;
            return;
        }

        if (_read.Length < limit)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit, _read.Length * 2));
            _read.AsSpan(0, _readEnd).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_read);
            _read = larger;
        }
    }

    private void Arm(TimeSpan dueTime)
    {
        lock (_timerLock)
        {
            if (_armed != 0 || Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            _armed = 1;
            _timer ??= _time.CreateTimer(static state => ((Http1Connection)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        TimeSpan? rearm = null;
        lock (_timerLock)
        {
            _armed = 0;
            if (_timer is null)
            {
                return;
            }

            if (Volatile.Read(ref _active) != 0)
            {
                var idle = _time.GetTimestamp() - Volatile.Read(ref _lastActivity);
                if (idle >= _activityTimeoutTicks)
                {
                    Abort(Http1AbortReason.ActivityTimeout);
                    return;
                }

                rearm = TimeSpan.FromSeconds((double)(_activityTimeoutTicks - idle) / _time.TimestampFrequency);
            }
        }

        Interlocked.MemoryBarrier();
        if (rearm is { } due)
        {
            Arm(due);
        }
        else if (Volatile.Read(ref _active) != 0)
        {
            // An exchange began while the timer was being disarmed and saw it still armed (see BeginExchange).
            Arm(_activityTimeout);
        }
    }
}
