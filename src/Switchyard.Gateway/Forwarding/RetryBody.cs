using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// The request body of a request whose rule retries, read before the first attempt so each attempt can send it again.
/// A body of at most <see cref="MaxBufferedBytes"/> is held in memory; a larger one (declared, or found while reading
/// a body of unknown length) is streamed once and the request is not retried: replaying it would mean holding an
/// unbounded body or sending a backend half of one.
/// </summary>
internal sealed class RetryBody
{
    /// <summary>The largest body buffered for retries (64 KiB).</summary>
    public const int MaxBufferedBytes = 64 * 1024;

    private static readonly RetryBody Empty = new(RetryBodyKind.Empty, null, 0, 0);

    private readonly byte[]? _data;

    private RetryBody(RetryBodyKind kind, byte[]? data, int length, int failureStatus)
    {
        Kind = kind;
        _data = data;
        Length = length;
        FailureStatus = failureStatus;
    }

    public RetryBodyKind Kind { get; }

    /// <summary>Bytes buffered.</summary>
    public int Length { get; }

    /// <summary>For <see cref="RetryBodyKind.Failed"/>: the status to answer (413, 400), or 0 when the client is gone.</summary>
    public int FailureStatus { get; }

    /// <summary>True when every attempt can send the same body.</summary>
    public bool CanReplay => Kind is RetryBodyKind.Empty or RetryBodyKind.Buffered;

    public static async ValueTask<RetryBody> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || request.ContentLength == 0)
        {
            return Empty;
        }

        if (request.ContentLength > MaxBufferedBytes)
        {
            return new RetryBody(RetryBodyKind.Streaming, null, 0, 0);
        }

        var declared = request.ContentLength is { } length ? (int)length : -1;
        var capacity = declared >= 0 ? declared : MaxBufferedBytes + 1;
        var buffer = declared >= 0 ? new byte[declared] : ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var total = 0;
            var source = request.Body;
            while (total < capacity)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer.AsMemory(total, capacity - total), context.RequestAborted).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex)
                {
                    // Over the rule's body limit (413) or badly framed (400).
                    return new RetryBody(RetryBodyKind.Failed, null, 0, ex.StatusCode);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    return new RetryBody(RetryBodyKind.Failed, null, 0, 0);
                }

                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (declared >= 0)
            {
                // Kestrel ends a Content-Length body at its length; a shorter one failed above.
                return new RetryBody(RetryBodyKind.Buffered, buffer, total, 0);
            }

            if (total <= MaxBufferedBytes)
            {
                return new RetryBody(RetryBodyKind.Buffered, buffer.AsSpan(0, total).ToArray(), total, 0);
            }

            // Too large to hold: what was read goes first, the rest streams from the client.
            request.Body = new PrefixedStream(buffer.AsSpan(0, total).ToArray(), source);
            return new RetryBody(RetryBodyKind.Streaming, null, 0, 0);
        }
        finally
        {
            if (declared < 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Puts the body in place for one attempt (a fresh reader over the buffer).</summary>
    public void Install(HttpContext context)
    {
        if (Kind == RetryBodyKind.Buffered)
        {
            context.Request.Body = new MemoryStream(_data!, 0, Length, writable: false);
        }
    }
}
