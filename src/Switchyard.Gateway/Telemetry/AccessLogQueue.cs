using System.Threading.Channels;

namespace Switchyard.Gateway.Telemetry;

/// <summary>
/// The bounded hand-off between the request path and the access-log writer. Writing never blocks: when the writer
/// falls behind, the entry is dropped and counted (<see cref="Dropped"/>, and the
/// <c>switchyard.gateway.access_log.dropped</c> counter).
/// </summary>
public sealed class AccessLogQueue
{
    private readonly Channel<AccessLogEntry> _channel;
    private long _dropped;

    public AccessLogQueue(int capacity = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);

        // FullMode.Wait makes TryWrite return false when full, which is how a drop is detected (never awaited).
        _channel = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Entries dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<AccessLogEntry> Reader => _channel.Reader;

    /// <summary>Queues an entry; false (and counted) when the queue is full or completed.</summary>
    public bool TryWrite(in AccessLogEntry entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>No more entries; the reader finishes after draining what is queued.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
