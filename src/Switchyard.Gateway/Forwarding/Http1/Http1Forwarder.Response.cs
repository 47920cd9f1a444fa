using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>Reading the response head (RFC 9112 §4, §5) into the client response.</summary>
internal sealed partial class Http1Forwarder
{
    // RFC 9110 §5.6.2 tchar.
    private static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Field values: visible ASCII, space and tab. obs-text is refused (Kestrel writes ASCII only), as are controls.
    private static readonly SearchValues<byte> FieldValueChars = SearchValues.Create(Enumerable.Range(0x20, 0x7f - 0x20).Select(static b => (byte)b).Append((byte)'\t').ToArray());

    /// <summary>
    /// Parses one response head from the connection's buffer. A 1xx (other than 101, which was never asked for) is
    /// consumed and skipped; a final one is applied to the client response (status, reason if not the default,
    /// headers minus hop-by-hop ones, then the route's response modifiers) and consumed.
    /// </summary>
    private static HeadStatus TryReadHead(HttpContext context, Http1Connection connection, RuleTransformer transformer, bool isHeadRequest, out ResponseHead head)
    {
        head = default;
        var buffer = connection.Buffered;
        var end = FindEndOfSection(buffer);
        if (end < 0)
        {
            return HeadStatus.NeedMore;
        }

        var section = buffer[..end];
        var lineEnd = section.IndexOf((byte)'\n');
        var statusLine = TrimCr(section[..lineEnd]);

        // HTTP/1.x SP 3DIGIT [SP reason-phrase]
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)statusLine[7]) || statusLine[8] != ' '
            || !TryParseStatus(statusLine.Slice(9, 3), out var status) || (statusLine.Length > 12 && statusLine[12] != ' '))
        {
            return HeadStatus.Invalid;
        }

        if (status < 200)
        {
            if (status == StatusCodes.Status101SwitchingProtocols)
            {
                return HeadStatus.Invalid;
            }

            connection.Consume(end);
            return HeadStatus.Informational;
        }

        var http10 = statusLine[7] == '0';
        var response = context.Response;
        response.StatusCode = status;
        var reason = statusLine.Length > 13 ? statusLine[13..] : default;
        if (!reason.IsEmpty && !Ascii.Equals(reason, ReasonPhrases.GetReasonPhrase(status)))
        {
            if (reason.IndexOfAnyExcept(FieldValueChars) >= 0)
            {
                return Refuse(context);
            }

            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = Encoding.Latin1.GetString(reason);
        }

        var headers = response.Headers;
        var cache = connection.ValueCache;
        long contentLength = -1;
        var chunked = false;
        var transferEncoding = false;
        var close = false;
        var keepAlive = false;
        List<string>? connectionOptions = null;
        var rest = section[(lineEnd + 1)..];
        Span<char> nameChars = stackalloc char[Http1ResponseHeaders.MaxKnownLength];
        while (true)
        {
            var next = rest.IndexOf((byte)'\n');
            var line = TrimCr(rest[..next]);
            rest = rest[(next + 1)..];
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].IndexOfAnyExcept(TokenChars) >= 0)
            {
                // Also refuses obs-fold (a line starting with whitespace) and whitespace before the colon (RFC 9112 §5.1, §5.2).
                return Refuse(context);
            }

            var nameBytes = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.IndexOfAnyExcept(FieldValueChars) >= 0)
            {
                return Refuse(context);
            }

            var known = Http1ResponseHeaders.Common(nameBytes);
            if (known is null && nameBytes.Length <= nameChars.Length)
            {
                var chars = nameChars[..nameBytes.Length];
                Encoding.Latin1.GetChars(nameBytes, chars);
                Http1ResponseHeaders.TryGet(chars, out known);
            }

            switch (known?.Kind)
            {
                case Http1ResponseHeaderKind.ContentLength:
                    if (!TryParseContentLength(value, ref contentLength))
                    {
                        return Refuse(context);
                    }

                    continue;
                case Http1ResponseHeaderKind.TransferEncoding:
                    transferEncoding = true;
                    chunked = EndsWithChunked(value);
                    continue;
                case Http1ResponseHeaderKind.Connection:
                    ReadConnectionOptions(value, ref close, ref keepAlive, ref connectionOptions);
                    continue;
                case Http1ResponseHeaderKind.Dropped:
                    continue;
            }

            string name;
            string text;
            if (known is not null)
            {
                name = known.Name;
                var cached = cache[known.Id];
                if (cached is not null && Ascii.Equals(value, cached))
                {
                    text = cached;
                }
                else
                {
                    text = Encoding.Latin1.GetString(value);
                    cache[known.Id] = text;
                }
            }
            else
            {
                name = Encoding.Latin1.GetString(nameBytes);
                text = Encoding.Latin1.GetString(value);
            }

            var existing = headers[name];
            headers[name] = existing.Count == 0 ? new StringValues(text) : StringValues.Concat(existing, text);
        }

        if (connectionOptions is not null)
        {
            // Fields the backend named in Connection are hop-by-hop too (RFC 9110 §7.6.1). A null test, not `?? []`,
            // which would allocate an empty list for every response.
            foreach (var option in connectionOptions)
            {
                headers.Remove(option);
            }
        }

        ResponseFraming framing;
        if (isHeadRequest || status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            framing = ResponseFraming.None;
        }
        else if (transferEncoding)
        {
            // Transfer-Encoding overrides Content-Length (RFC 9112 §6.3); without chunked last, the body runs to close.
            framing = chunked ? ResponseFraming.Chunked : ResponseFraming.Close;
        }
        else if (contentLength >= 0)
        {
            framing = contentLength == 0 ? ResponseFraming.None : ResponseFraming.ContentLength;
        }
        else
        {
            framing = ResponseFraming.Close;
        }

        // As YARP: Content-Length is forwarded unless Transfer-Encoding overrides it, and "0" is dropped where no body can be.
        if (contentLength >= 0 && !transferEncoding && !(contentLength == 0 && status is StatusCodes.Status204NoContent or StatusCodes.Status205ResetContent))
        {
            response.ContentLength = contentLength;
        }

        transformer.ApplyResponse(context);
        connection.Consume(end);
        // A message with both Transfer-Encoding and Content-Length may be a smuggling attempt: never reuse after it.
        head = new ResponseHead(framing, contentLength, KeepAlive: !close && (!http10 || keepAlive) && !(transferEncoding && contentLength >= 0));
        return HeadStatus.Complete;
    }

    /// <summary>Undoes what was applied of an invalid head (nothing has been sent yet).</summary>
    private static HeadStatus Refuse(HttpContext context)
    {
        var response = context.Response;
        response.Headers.Clear();
        response.StatusCode = StatusCodes.Status200OK;
        if (context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = null;
        }

        return HeadStatus.Invalid;
    }

    /// <summary>Index just past the empty line ending a header (or trailer) section, or -1 when it is not all buffered.</summary>
    private static int FindEndOfSection(ReadOnlySpan<byte> buffer)
    {
        var position = 0;
        while (true)
        {
            var next = buffer[position..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return -1;
            }

            if (next == 0 || (next == 1 && buffer[position] == '\r'))
            {
                return position + next + 1;
            }

            position += next + 1;
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;

    private static bool TryParseStatus(ReadOnlySpan<byte> digits, out int status)
    {
        status = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            status = (status * 10) + (digit - '0');
        }

        return status is >= 100 and <= 599;
    }

    /// <summary>
    /// Content-Length: digits; a list of identical values (or repeated identical fields) is one value (RFC 9110 §8.6);
    /// anything else is invalid (RFC 9112 §6.3: a proxy answers 502).
    /// </summary>
    private static bool TryParseContentLength(ReadOnlySpan<byte> value, ref long contentLength)
    {
        foreach (var range in value.Split((byte)','))
        {
            var item = value[range].Trim(" \t"u8);
            if (item.IsEmpty || item.Length > 18 || item.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            {
                return false;
            }

            long parsed = 0;
            foreach (var digit in item)
            {
                parsed = (parsed * 10) + (digit - '0');
            }

            if (contentLength >= 0 && contentLength != parsed)
            {
                return false;
            }

            contentLength = parsed;
        }

        return true;
    }

    private static bool EndsWithChunked(ReadOnlySpan<byte> value)
    {
        var comma = value.LastIndexOf((byte)',');
        var last = (comma < 0 ? value : value[(comma + 1)..]).Trim(" \t"u8);
        return Ascii.EqualsIgnoreCase(last, "chunked"u8);
    }

    private static void ReadConnectionOptions(ReadOnlySpan<byte> value, ref bool close, ref bool keepAlive, ref List<string>? options)
    {
        foreach (var range in value.Split((byte)','))
        {
            var option = value[range].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(option, "close"u8))
            {
                close = true;
            }
            else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8))
            {
                keepAlive = true;
            }
            else if (!option.IsEmpty)
            {
                (options ??= []).Add(Encoding.Latin1.GetString(option));
            }
        }
    }
}
