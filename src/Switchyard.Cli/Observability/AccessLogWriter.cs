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
        // Property names are pre-encoded and values formatted into stack buffers: the writer shares the proxy's core,
        // so every line's cost is taken from request handling.
        Span<char> text = stackalloc char[64];
        json.WriteStartObject();
        entry.Time.UtcDateTime.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        json.WriteString(Names.Time, text[..written]);
        if (entry.ClientAddress is { } client && client.TryFormat(text, out written))
        {
            json.WriteString(Names.ClientAddress, text[..written]);
        }
        else
        {
            json.WriteNull(Names.ClientAddress);
        }

        json.WriteNumber(Names.ClientPort, entry.ClientPort);
        WriteStringOrNull(json, Names.ForwardedFor, entry.ForwardedFor);
        json.WriteString(Names.Method, entry.Method);
        WriteStringOrNull(json, Names.Host, entry.Host);
        WriteStringOrNull(json, Names.Path, entry.Path);
        json.WriteString(Names.Protocol, entry.Protocol);
        json.WriteNumber(Names.Status, entry.Status);
        WriteNumberOrNull(json, Names.BytesIn, entry.BytesIn);
        WriteNumberOrNull(json, Names.BytesOut, entry.BytesOut);
        json.WriteNumber(Names.DurationMs, Math.Round(entry.Duration.TotalMilliseconds, 3));
        if (entry.UpstreamDuration is { } upstream)
        {
            json.WriteNumber(Names.UpstreamMs, Math.Round(upstream.TotalMilliseconds, 3));
        }
        else
        {
            json.WriteNull(Names.UpstreamMs);
        }

        json.WriteString(Names.Gateway, entry.Gateway);
        json.WriteString(Names.Listener, entry.Listener);
        json.WriteString(Names.Route, entry.Route);
        json.WriteString(Names.Rule, entry.Rule);
        WriteStringOrNull(json, Names.Service, entry.Service);
        WriteStringOrNull(json, Names.Endpoint, entry.Endpoint);
        WriteStringOrNull(json, Names.Sni, entry.Sni);
        if (entry.Attempts > 0)
        {
            json.WriteNumber(Names.Attempts, entry.Attempts);
        }

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

    private static void WriteStringOrNull(Utf8JsonWriter json, JsonEncodedText name, string? value)
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

    private static void WriteNumberOrNull(Utf8JsonWriter json, JsonEncodedText name, long? value)
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

    /// <summary>The line's field names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public static readonly JsonEncodedText ClientAddress = JsonEncodedText.Encode("client_address");
        public static readonly JsonEncodedText ClientPort = JsonEncodedText.Encode("client_port");
        public static readonly JsonEncodedText ForwardedFor = JsonEncodedText.Encode("x_forwarded_for");
        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public static readonly JsonEncodedText Host = JsonEncodedText.Encode("host");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Protocol = JsonEncodedText.Encode("protocol");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText BytesIn = JsonEncodedText.Encode("bytes_in");
        public static readonly JsonEncodedText BytesOut = JsonEncodedText.Encode("bytes_out");
        public static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("duration_ms");
        public static readonly JsonEncodedText UpstreamMs = JsonEncodedText.Encode("upstream_ms");
        public static readonly JsonEncodedText Gateway = JsonEncodedText.Encode("gateway");
        public static readonly JsonEncodedText Listener = JsonEncodedText.Encode("listener");
        public static readonly JsonEncodedText Route = JsonEncodedText.Encode("route");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText Service = JsonEncodedText.Encode("service");
        public static readonly JsonEncodedText Endpoint = JsonEncodedText.Encode("endpoint");
        public static readonly JsonEncodedText Sni = JsonEncodedText.Encode("sni");
        public static readonly JsonEncodedText Attempts = JsonEncodedText.Encode("attempts");
    }
}
