using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>Writing the request head: request line, the plan's headers, framing.</summary>
internal sealed partial class Http1Forwarder
{
    // Characters YARP leaves unescaped in a path (RFC 3986 pchar and '/'); anything else is percent-encoded as it does.
    private static readonly SearchValues<char> ValidPathChars =
        SearchValues.Create("!$&'()*+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");

    private static int WriteHead(HttpContext context, Http1Connection connection, Http1RequestPlan plan, Http1RequestBody body, string authority)
    {
        var request = context.Request;
        var headers = request.Headers;
        var writer = new HeadWriter(connection);

        writer.Write(request.Method);
        writer.Write(" "u8);
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        if (plan.Rewrite is { RewritesPath: true } rewrite)
        {
            path = rewrite.RewritePath(path);
        }

        WritePath(ref writer, path);
        writer.Write(request.QueryString.Value);
        writer.Write(" HTTP/1.1\r\n"u8);

        var host = headers.Host;
        var needAuthority = !plan.SetsHost && StringValues.IsNullOrEmpty(host);
        var hasContent = body != Http1RequestBody.None || (plan.HasContentOperations && HasContentHeader(headers));
        var connectionOptions = ConnectionOptions(headers.Connection);
        var touched = plan.Touched;
        Span<bool> seen = touched.Length <= 128 ? stackalloc bool[touched.Length] : new bool[touched.Length];
        foreach (var header in headers)
        {
            var name = header.Key;
            if (connectionOptions is not null && connectionOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                // Named in Connection: hop-by-hop for this message (RFC 9110 §7.6.1).
                continue;
            }

            if (!plan.TryGetEntry(name, out var entry))
            {
                if ((body == Http1RequestBody.Chunked && string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    || (needAuthority && string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                WriteHeader(ref writer, name, header.Value, [], context);
                continue;
            }

            if (entry.Skip)
            {
                continue;
            }

            seen[entry.Index] = true;
            if (entry.KeepOriginal)
            {
                WriteHeader(ref writer, name, header.Value, entry.Values, context);
            }
            else
            {
                WriteHeader(ref writer, entry.Name, default, entry.Values, context);
            }
        }

        foreach (var entry in touched)
        {
            if (!seen[entry.Index] && (hasContent || !entry.IsContent))
            {
                WriteHeader(ref writer, entry.Name, default, entry.Values, context);
            }
        }

        if (needAuthority)
        {
            writer.Write("Host: "u8);
            writer.Write(authority);
            writer.Write("\r\n"u8);
        }

        if (body == Http1RequestBody.Chunked)
        {
            writer.Write("Transfer-Encoding: chunked\r\n"u8);
        }

        writer.Write("\r\n"u8);
        return writer.Length;
    }

    /// <summary>The field names a client's Connection header lists besides the usual options; null (no allocation) when none.</summary>
    private static List<string>? ConnectionOptions(StringValues connection)
    {
        List<string>? options = null;
        for (var i = 0; i < connection.Count; i++)
        {
            var value = connection[i].AsSpan();
            foreach (var range in value.Split(','))
            {
                var option = value[range].Trim();
                if (option.IsEmpty || option.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) || option.Equals("close", StringComparison.OrdinalIgnoreCase)
                    || option.Equals("upgrade", StringComparison.OrdinalIgnoreCase) || option.Equals("te", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                (options ??= []).Add(option.ToString());
            }
        }

        return options;
    }

    private static bool HasContentHeader(IHeaderDictionary headers)
    {
        foreach (var header in headers)
        {
            if (Http1RequestPlan.IsContentHeader(header.Key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <c>name: v1, v2</c> (the client's values, then the plan's); nothing when there are no values.</summary>
    private static void WriteHeader(ref HeadWriter writer, string name, StringValues original, PlanValue[] values, HttpContext context)
    {
        var start = writer.Length;
        var separator = string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase) ? "; "u8 : ", "u8;
        writer.Write(name);
        writer.Write(": "u8);
        var any = false;
        for (var i = 0; i < original.Count; i++)
        {
            if (any)
            {
                writer.Write(separator);
            }

            writer.Write(original[i]);
            any = true;
        }

        foreach (var value in values)
        {
            switch (value.Source)
            {
                case PlanValueSource.Literal:
                    Separate(ref writer, ref any, separator);
                    writer.Write(value.Literal);
                    break;
                case PlanValueSource.ClientAddress:
                    if (context.Connection.RemoteIpAddress is { } remote)
                    {
                        Separate(ref writer, ref any, separator);
                        writer.Write(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
                    }

                    break;
                case PlanValueSource.Scheme:
                    Separate(ref writer, ref any, separator);
                    writer.Write(context.Request.Scheme);
                    break;
                case PlanValueSource.Host:
                    var host = context.Request.Headers.Host;
                    if (!StringValues.IsNullOrEmpty(host))
                    {
                        Separate(ref writer, ref any, separator);
                        writer.Write(host.ToString());
                    }

                    break;
            }
        }

        if (!any)
        {
            writer.Length = start;
            return;
        }

        writer.Write("\r\n"u8);

        static void Separate(ref HeadWriter writer, ref bool any, ReadOnlySpan<byte> separator)
        {
            if (any)
            {
                writer.Write(separator);
            }

            any = true;
        }
    }

    private static void WritePath(ref HeadWriter writer, string path)
    {
        if (path.Length == 0)
        {
            writer.Write("/"u8);
            return;
        }

        if (path.AsSpan().IndexOfAnyExcept(ValidPathChars) < 0)
        {
            writer.Write(path);
            return;
        }

        // Runs of characters outside the set are escaped as Uri.EscapeDataString does, the rest copied.
        var span = path.AsSpan();
        while (!span.IsEmpty)
        {
            var invalid = span.IndexOfAnyExcept(ValidPathChars);
            if (invalid < 0)
            {
                writer.Write(span);
                return;
            }

            writer.Write(span[..invalid]);
            span = span[invalid..];
            var valid = span.IndexOfAny(ValidPathChars);
            var run = valid < 0 ? span : span[..valid];
            writer.Write(Uri.EscapeDataString(run.ToString()));
            span = valid < 0 ? default : span[valid..];
        }
    }

    /// <summary>Appends Latin-1 text to the connection's write buffer, growing it as needed.</summary>
    private ref struct HeadWriter(Http1Connection connection)
    {
        private byte[] _buffer = connection.WriteBuffer(4096);

        public int Length { get; set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            Length += bytes.Length;
        }

        public void Write(ReadOnlySpan<char> text)
        {
            Length += Encoding.Latin1.GetBytes(text, Reserve(text.Length));
        }

        public void Write(string? text) => Write(text.AsSpan());

        public void Write(IPAddress address)
        {
            address.TryFormat(Reserve(64), out var written);
            Length += written;
        }

        private Span<byte> Reserve(int count)
        {
            if (Length + count > _buffer.Length)
            {
                _buffer = connection.GrowWriteBuffer(Length, Length + count);
            }

            return _buffer.AsSpan(Length);
        }
    }
}
