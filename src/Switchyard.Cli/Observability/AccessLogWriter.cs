using System.Buffers;
using System.Text.Json;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Cli.Observability;

/// <summary>
/// Drains the <see cref="AccessLogQueue"/> on a thread of its own and writes one JSON object per line
/// (<c>--access-log stdout|PATH</c>). All formatting happens here, off the request path. After each batch the writer
/// rests for <see cref="BatchInterval"/>, so under load lines are written in batches (one wake-up and one write per
/// interval, not per request; lines are at most that late); when idle it blocks until the next entry.
/// </summary>
/// <remarks>
/// A dedicated thread with blocking writes rather than a task with async writes: async file writes on Linux are a
/// blocking write handed to a thread-pool thread, which cost a queue hop and a wake-up per batch on the cores the
/// proxy needs, and a thread-pool thread must never block.
/// </remarks>
internal sealed class AccessLogWriter : IAsyncDisposable
{
    /// <summary>Rest between batches: bounds the wake-ups and writes per second of the writer.</summary>
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A batch is written once it reaches this size, even if more entries are queued.</summary>
    private const int BatchBytes = 60 * 1024;

    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AccessLogWriter(AccessLogQueue queue, Stream output, bool ownsOutput)
    {
        Queue = queue;
        _output = output;
        _ownsOutput = ownsOutput;
        new Thread(Run) { IsBackground = true, Name = "Switchyard access log" }.Start();
    }

    public AccessLogQueue Queue { get; }

    /// <summary>Opens the target: <c>stdout</c>, or a file path (appended to). Null for <c>off</c> or nothing.</summary>
    public static AccessLogWriter? Open(string? target)
    {
        if (string.IsNullOrEmpty(target) || string.Equals(target, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.Equals(target, "stdout", StringComparison.OrdinalIgnoreCase)
            ? new AccessLogWriter(new AccessLogQueue(), Console.OpenStandardOutput(), ownsOutput: false)
            : Create(new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0), ownsOutput: true);
    }

    /// <summary>A writer to <paramref name="output"/> (tests).</summary>
    public static AccessLogWriter Create(Stream output, bool ownsOutput = false, int capacity = 8192) =>
        new(new AccessLogQueue(capacity), output, ownsOutput);

    /// <summary>Stops taking entries, writes what is queued, and closes the output if it owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        Queue.Complete();
        await _stopped.Task.ConfigureAwait(false);
        if (_ownsOutput)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Run()
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using var json = new Utf8JsonWriter(buffer);
            var formatter = new AccessLogFormatter();
            var reader = Queue.Reader;
            while (WaitForEntries(reader))
            {
                while (buffer.WrittenCount < BatchBytes && reader.TryRead(out var entry))
                {
                    json.Reset(buffer);
                    formatter.Format(json, in entry);
                    json.Flush();
                    buffer.Write("\n"u8);
                }

                Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
                if (!reader.Completion.IsCompleted && !reader.TryPeek(out _))
                {
                    Thread.Sleep(BatchInterval);
                }
            }

            _stopped.TrySetResult();
        }
        catch (Exception e)
        {
            _stopped.TrySetException(e);
        }
    }

    /// <summary>True when an entry is queued; blocks while the queue is empty; false once it is completed and drained.</summary>
    private static bool WaitForEntries(System.Threading.Channels.ChannelReader<AccessLogEntry> reader) =>
        reader.TryPeek(out _) || reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();

    private void Write(ReadOnlySpan<byte> lines)
    {
        try
        {
            _output.Write(lines);
            _output.Flush();
        }
        catch (IOException)
        {
            // A closed stdout or a full disk loses access-log lines, never requests.
        }
    }
}
