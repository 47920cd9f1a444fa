using System.Buffers.Text;
using System.Text.Json;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Cli.Observability;

/// <summary>
/// Formats access-log entries as one JSON object each. Used by the writer's thread only (not thread-safe). The writer
/// shares the proxy's cores, so every line's cost is taken from request handling: names are encoded once, the
/// configuration-derived values (gateway, listener, route, rule, Service, endpoint) are escaped once per distinct
/// string and reused, and time and durations are formatted by hand into stack buffers (the general-purpose date and
/// floating-point formatters were a tenth of the writer's time).
/// </summary>
internal sealed class AccessLogFormatter
{
    /// <summary>Beyond this many cached values (reloads bring new strings), the cache starts over.</summary>
    private const int MaxCachedValues = 4096;

    // Keyed by reference: label strings are shared by every request of a snapshot, so a hit costs one pointer hash.
    private readonly Dictionary<string, JsonEncodedText> _encoded = new(ReferenceEqualityComparer.Instance);

    /// <summary>Writes one entry as a JSON object, without the newline.</summary>
    public void Format(Utf8JsonWriter json, in AccessLogEntry entry)
    {
        Span<byte> text = stackalloc byte[64];
        json.WriteStartObject();
        json.WriteString(Names.Time, text[..WriteTime(text, entry.Time.UtcDateTime)]);
        if (entry.ClientAddress is { } client && client.TryFormat(text, out var written))
        {
            json.WriteString(Names.ClientAddress, text[..written]);
        }
        else
        {
            json.WriteNull(Names.ClientAddress);
        }

        json.WriteNumber(Names.ClientPort, entry.ClientPort);
        WriteStringOrNull(json, Names.ForwardedFor, entry.ForwardedFor);
        json.WriteString(Names.Method, Cached(entry.Method));
        WriteStringOrNull(json, Names.Host, entry.Host);
        WriteStringOrNull(json, Names.Path, entry.Path);
        json.WriteString(Names.Protocol, Cached(entry.Protocol));
        json.WriteNumber(Names.Status, entry.Status);
        WriteNumberOrNull(json, Names.BytesIn, entry.BytesIn);
        WriteNumberOrNull(json, Names.BytesOut, entry.BytesOut);
        WriteMilliseconds(json, Names.DurationMs, entry.Duration, text);
        if (entry.UpstreamDuration is { } upstream)
        {
            WriteMilliseconds(json, Names.UpstreamMs, upstream, text);
        }
        else
        {
            json.WriteNull(Names.UpstreamMs);
        }

        json.WriteString(Names.Gateway, Cached(entry.Gateway));
        json.WriteString(Names.Listener, Cached(entry.Listener));
        json.WriteString(Names.Route, Cached(entry.Route));
        json.WriteString(Names.Rule, Cached(entry.Rule));
        WriteCachedOrNull(json, Names.Service, entry.Service);
        WriteCachedOrNull(json, Names.Endpoint, entry.Endpoint);
        WriteStringOrNull(json, Names.Sni, entry.Sni);
        if (entry.Attempts > 0)
        {
            json.WriteNumber(Names.Attempts, entry.Attempts);
        }

        json.WriteEndObject();
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (UTC, milliseconds), as ASCII digits.</summary>
    internal static int WriteTime(Span<byte> text, DateTime utc)
    {
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), utc.Millisecond);
        text[23] = (byte)'Z';
        return 24;
    }

    /// <summary>
    /// Milliseconds rounded to the microsecond, trailing zeros of the fraction dropped (<c>1.5</c>, <c>2</c>,
    /// <c>0.042</c>): the same text as formatting <c>Math.Round(ms, 3)</c> as a double, without the float formatter.
    /// </summary>
    internal static int WriteMilliseconds(Span<byte> text, TimeSpan duration)
    {
        var micros = (duration.Ticks + (duration.Ticks >= 0 ? 5 : -5)) / 10;
        var length = 0;
        if (micros < 0)
        {
            text[length++] = (byte)'-';
            micros = -micros;
        }

        Utf8Formatter.TryFormat(micros / 1000, text[length..], out var whole);
        length += whole;
        var fraction = (int)(micros % 1000);
        if (fraction == 0)
        {
            return length;
        }

        text[length++] = (byte)'.';
        var digits = 3;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        Digits(text.Slice(length, digits), fraction);
        return length + digits;
    }

    private static void WriteMilliseconds(Utf8JsonWriter json, JsonEncodedText name, TimeSpan duration, Span<byte> text)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(text[..WriteMilliseconds(text, duration)], skipInputValidation: true);
    }

    /// <summary>Writes <paramref name="value"/> right-aligned with leading zeros into all of <paramref name="text"/>.</summary>
    private static void Digits(Span<byte> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private JsonEncodedText Cached(string value)
    {
        if (_encoded.TryGetValue(value, out var encoded))
        {
            return encoded;
        }

        if (_encoded.Count >= MaxCachedValues)
        {
            _encoded.Clear();
        }

        encoded = JsonEncodedText.Encode(value);
        _encoded[value] = encoded;
        return encoded;
    }

    private void WriteCachedOrNull(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, Cached(value));
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
