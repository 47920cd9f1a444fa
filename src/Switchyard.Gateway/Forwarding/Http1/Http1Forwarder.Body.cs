using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>Streaming bodies: the response to the client, the request to the backend.</summary>
internal sealed partial class Http1Forwarder
{
    private const int MaxChunkLineBytes = 4096;

    /// <summary>Larger request chunks are sent as header, data segments and trailer instead of being copied together.</summary>
    private const int MaxCopiedChunk = 64 * 1024;

    private static readonly ReadOnlyMemory<byte> LastChunk = "0\r\n\r\n"u8.ToArray();

    private static readonly ReadOnlyMemory<byte> CrLf = "\r\n"u8.ToArray();

    /// <summary>The whole Content-Length body is already buffered: hand it to the response without waiting.</summary>
    private static BodyCopyStatus WriteBuffered(HttpContext context, Http1Connection connection, long length)
    {
        context.Response.BodyWriter.Write(connection.Buffered[..(int)length]);
        connection.Consume((int)length);
        connection.ResponseBodyBytes += length;
        return BodyCopyStatus.Complete;
    }

    /// <summary>Copies the body, flushing to the client before every wait on the backend (so streams stream).</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<BodyCopyStatus> CopyBodyAsync(HttpContext context, Http1Connection connection, ResponseHead head)
    {
        var writer = context.Response.BodyWriter;
        var pending = false;
        if (head.Framing != ResponseFraming.Chunked)
        {
            var remaining = head.Framing == ResponseFraming.ContentLength ? head.ContentLength : long.MaxValue;
            while (remaining > 0)
            {
                if (connection.BufferedCount > 0)
                {
                    var take = (int)Math.Min(connection.BufferedCount, remaining);
                    writer.Write(connection.Buffered[..take]);
                    connection.Consume(take);
                    connection.ResponseBodyBytes += take;
                    remaining -= take;
                    pending = true;
                    continue;
                }

                if (pending)
                {
                    if (!await FlushAsync(writer, connection).ConfigureAwait(false))
                    {
                        return BodyCopyStatus.ClientGone;
                    }

                    pending = false;
                }

                // Nothing buffered: receive straight into the response pipe.
                var memory = writer.GetMemory();
                if (memory.Length > remaining)
                {
                    memory = memory[..(int)remaining];
                }

                var received = await connection.ReceiveAsync(memory).ConfigureAwait(false);
                connection.Touch();
                if (received == 0)
                {
                    if (head.Framing != ResponseFraming.Close)
                    {
                        return BodyCopyStatus.UpstreamClosed;
                    }

                    break;
                }

                writer.Advance(received);
                connection.ResponseBodyBytes += received;
                remaining -= received;
                pending = true;
            }

            // Once the response has started, Kestrel does not send what is left unflushed when the request ends (before, it
            // sends head and body together, which saves a write).
            return !pending || !context.Response.HasStarted || await FlushAsync(writer, connection).ConfigureAwait(false) ? BodyCopyStatus.Complete : BodyCopyStatus.ClientGone;
        }

        // chunked-body = *chunk last-chunk trailer-section CRLF (RFC 9112 §7.1); trailers are not forwarded over HTTP/1.1.
        while (true)
        {
            long size;
            while (!TryReadChunkSize(connection, out size, out var invalid))
            {
                if (invalid)
                {
                    return BodyCopyStatus.Invalid;
                }

                if (!await WaitForMoreAsync().ConfigureAwait(false))
                {
                    return pending ? BodyCopyStatus.ClientGone : BodyCopyStatus.UpstreamClosed;
                }
            }

            if (size == 0)
            {
                int end;
                while ((end = FindEndOfSection(connection.Buffered)) < 0)
                {
                    if (connection.IsFull(maxResponseHeadersBytes))
                    {
                        return BodyCopyStatus.Invalid;
                    }

                    if (!await WaitForMoreAsync().ConfigureAwait(false))
                    {
                        return pending ? BodyCopyStatus.ClientGone : BodyCopyStatus.UpstreamClosed;
                    }
                }

                connection.Consume(end);
                return !pending || !context.Response.HasStarted || await FlushAsync(writer, connection).ConfigureAwait(false) ? BodyCopyStatus.Complete : BodyCopyStatus.ClientGone;
            }

            var remaining = size;
            while (remaining > 0)
            {
                if (connection.BufferedCount == 0 && !await WaitForMoreAsync().ConfigureAwait(false))
                {
                    return pending ? BodyCopyStatus.ClientGone : BodyCopyStatus.UpstreamClosed;
                }

                var take = (int)Math.Min(connection.BufferedCount, remaining);
                writer.Write(connection.Buffered[..take]);
                connection.Consume(take);
                connection.ResponseBodyBytes += take;
                remaining -= take;
                pending = true;
            }

            while (connection.BufferedCount < 2 && !(connection.BufferedCount == 1 && connection.Buffered[0] == '\n'))
            {
                if (!await WaitForMoreAsync().ConfigureAwait(false))
                {
                    return pending ? BodyCopyStatus.ClientGone : BodyCopyStatus.UpstreamClosed;
                }
            }

            var data = connection.Buffered;
            if (data[0] == '\n')
            {
                connection.Consume(1);
            }
            else if (data[0] == '\r' && data[1] == '\n')
            {
                connection.Consume(2);
            }
            else
            {
                return BodyCopyStatus.Invalid;
            }
        }

        // Flushes what is pending, then reads more from the backend. False when either side is gone; "pending" stays
        // true only when the client went away, which tells the caller which side it was.
        async ValueTask<bool> WaitForMoreAsync()
        {
            if (pending)
            {
                if (!await FlushAsync(writer, connection).ConfigureAwait(false))
                {
                    return false;
                }

                pending = false;
            }

            return connection.EndFill(await connection.BeginFill(maxResponseHeadersBytes).ConfigureAwait(false));
        }
    }

    private static async ValueTask<bool> FlushAsync(PipeWriter writer, Http1Connection connection)
    {
        FlushResult result;
        try
        {
            result = await writer.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }

        connection.Touch();
        return !result.IsCanceled && !result.IsCompleted;
    }

    /// <summary>chunk-size [chunk-ext] CRLF: true with the size when the line is buffered (and consumed).</summary>
    private static bool TryReadChunkSize(Http1Connection connection, out long size, out bool invalid)
    {
        size = 0;
        invalid = false;
        var buffered = connection.Buffered;
        var lineEnd = buffered.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            invalid = buffered.Length > MaxChunkLineBytes;
            return false;
        }

        var line = TrimCr(buffered[..lineEnd]);
        var digits = 0;
        foreach (var b in line)
        {
            var value = HexValue(b);
            if (value < 0)
            {
                break;
            }

            if (++digits > 15)
            {
                invalid = true;
                return false;
            }

            size = (size << 4) | (uint)value;
        }

        var after = line[digits..].TrimStart(" \t"u8);
        if (digits == 0 || (!after.IsEmpty && after[0] != ';'))
        {
            invalid = true;
            return false;
        }

        connection.Consume(lineEnd + 1);
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Streams the client's body upstream, as is or chunked. Aborts the connection if the client's side fails.</summary>
    private static async Task<BodySendResult> SendBodyAsync(PipeReader reader, Http1Connection connection, bool chunked)
    {
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                connection.Abort(Http1AbortReason.RequestBodyFailed);
                return new BodySendResult(BodySendStatus.InputError, ex);
            }

            var buffer = read.Buffer;
            if (read.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                return new BodySendResult(BodySendStatus.Canceled, null);
            }

            try
            {
                if (!buffer.IsEmpty)
                {
                    if (chunked)
                    {
                        await SendChunkAsync(connection, buffer).ConfigureAwait(false);
                    }
                    else
                    {
                        foreach (var segment in buffer)
                        {
                            await connection.SendAsync(segment).ConfigureAwait(false);
                        }
                    }

                    connection.RequestBodyBytes += buffer.Length;
                }

                if (read.IsCompleted && chunked)
                {
                    await connection.SendAsync(LastChunk).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException or IOException)
            {
                reader.AdvanceTo(buffer.End);
                return new BodySendResult(BodySendStatus.OutputError, ex);
            }

            reader.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                return new BodySendResult(BodySendStatus.Success, null);
            }
        }
    }

    private static async ValueTask SendChunkAsync(Http1Connection connection, ReadOnlySequence<byte> data)
    {
        var length = (int)data.Length;
        if (length <= MaxCopiedChunk)
        {
            var frame = connection.WriteBuffer(length + 24);
            var written = WriteChunkHeader(frame, length);
            data.CopyTo(frame.AsSpan(written));
            written += length;
            frame[written++] = (byte)'\r';
            frame[written++] = (byte)'\n';
            await connection.SendWriteBufferAsync(written).ConfigureAwait(false);
            return;
        }

        var header = connection.WriteBuffer(24);
        await connection.SendWriteBufferAsync(WriteChunkHeader(header, length)).ConfigureAwait(false);
        foreach (var segment in data)
        {
            await connection.SendAsync(segment).ConfigureAwait(false);
        }

        await connection.SendAsync(CrLf).ConfigureAwait(false);
    }

    private static int WriteChunkHeader(byte[] frame, int length)
    {
        length.TryFormat(frame, out var written, "X", System.Globalization.CultureInfo.InvariantCulture);
        frame[written++] = (byte)'\r';
        frame[written++] = (byte)'\n';
        return written;
    }
}
