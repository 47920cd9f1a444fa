using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Cli.Observability;

/// <summary>
/// Drains the <see cref="AccessLogQueue"/> on a background task and writes one JSON object per line
/// (<c>--access-log stdout|PATH</c>). All formatting happens here, off the request path; the output is flushed
/// whenever the queue runs empty, then the writer rests for <see cref="BatchInterval"/> so that under load lines are
/// written in batches (one wake-up and one write per interval, not per request; lines are at most that late).
/// </summary>
internal sealed class AccessLogWriter : IAsyncDisposable
{
    /// <summary>Rest between batches: bounds the wake-ups and writes per second of the writer.</summary>
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly Task _worker;

    private AccessLogWriter(AccessLogQueue queue, Stream output, bool ownsOutput)
    {
        Queue = queue;
        _output = output;
        _ownsOutput = ownsOutput;
        _worker = Task.Run(RunAsync);
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
            : Create(new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1, useAsync: true), ownsOutput: true);
    }

    /// <summary>A writer to <paramref name="output"/> (tests).</summary>
    public static AccessLogWriter Create(Stream output, bool ownsOutput = false, int capacity = 8192) =>
        new(new AccessLogQueue(capacity), output, ownsOutput);

    /// <summary>Writes one entry as a JSON object, without the newline.</summary>
    public static void Format(Utf8JsonWriter json, in AccessLogEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("time", entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        WriteStringOrNull(json, "client_address", entry.ClientAddress?.ToString());
        json.WriteNumber("client_port", entry.ClientPort);
        WriteStringOrNull(json, "x_forwarded_for", entry.ForwardedFor);
        json.WriteString("method", entry.Method);
        WriteStringOrNull(json, "host", entry.Host);
        WriteStringOrNull(json, "path", entry.Path);
        json.WriteString("protocol", entry.Protocol);
        json.WriteNumber("status", entry.Status);
        WriteNumberOrNull(json, "bytes_in", entry.BytesIn);
        WriteNumberOrNull(json, "bytes_out", entry.BytesOut);
        json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 3));
        if (entry.UpstreamDuration is { } upstream)
        {
            json.WriteNumber("upstream_ms", Math.Round(upstream.TotalMilliseconds, 3));
        }
        else
        {
            json.WriteNull("upstream_ms");
        }

        json.WriteString("gateway", entry.Gateway);
        json.WriteString("listener", entry.Listener);
        json.WriteString("route", entry.Route);
        json.WriteString("rule", entry.Rule);
        WriteStringOrNull(json, "service", entry.Service);
        WriteStringOrNull(json, "endpoint", entry.Endpoint);
        WriteStringOrNull(json, "sni", entry.Sni);
        json.WriteEndObject();
    }

    /// <summary>Stops taking entries, writes what is queued, and closes the output if it owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        Queue.Complete();
        await _worker.ConfigureAwait(false);
        if (_ownsOutput)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private async Task RunAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(buffer);
        var reader = Queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (buffer.WrittenCount < 60 * 1024 && reader.TryRead(out var entry))
            {
                json.Reset(buffer);
                Format(json, in entry);
                json.Flush();
                buffer.Write(NewLine);
            }

            try
            {
                await _output.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                await _output.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // A closed stdout or a full disk loses access-log lines, never requests.
            }

            buffer.ResetWrittenCount();
            if (reader.Completion.IsCompleted || reader.TryPeek(out _))
            {
                continue;
            }

            await Task.Delay(BatchInterval, TimeProvider.System).ConfigureAwait(false);
        }
    }
}
