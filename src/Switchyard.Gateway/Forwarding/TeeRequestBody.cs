using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// The request body as the forwarder reads it, copied on the way to the body of each mirrored request. It never holds
/// back the main request: a mirror more than <see cref="BufferLimit"/> bytes behind is cut off (its copy fails and is
/// only logged), and a body the main request did not read to the end fails the copies when the request completes.
/// Installed on <see cref="HttpRequest.Body"/> for the requests that are mirrored; reads are sequential.
/// </summary>
internal sealed class TeeRequestBody : Stream
{
    /// <summary>How far (bytes) a mirror may lag behind the main request before it is given up.</summary>
    public const int BufferLimit = 1024 * 1024;

    private readonly Stream _inner;
    private readonly List<PipeWriter> _copies = new(1);

    private TeeRequestBody(Stream inner) => _inner = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The tee of this request, installed on first use.</summary>
    public static TeeRequestBody Install(HttpContext context)
    {
        if (context.Request.Body is TeeRequestBody existing)
        {
            return existing;
        }

        var tee = new TeeRequestBody(context.Request.Body);
        context.Request.Body = tee;
        context.Response.RegisterForDispose(tee);
        return tee;
    }

    /// <summary>A stream that yields a copy of the body as the main request reads it.</summary>
    public Stream AddCopy()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: BufferLimit, resumeWriterThreshold: BufferLimit / 2, useSynchronizationContext: false));
        _copies.Add(pipe.Writer);
        return pipe.Reader.AsStream();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            CompleteAll(e);
            throw;
        }

        Copy(buffer.Span[..read], endOfBody: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (Exception e)
        {
            CompleteAll(e);
            throw;
        }

        Copy(buffer[..read], endOfBody: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The request is over; copies still open did not get the whole body. The inner stream is the server's.
        if (disposing)
        {
            CompleteAll(new IOException("the request body was not read to the end"));
        }

        base.Dispose(disposing);
    }

    // A zero-byte read into an empty buffer only waits for data (the forwarder does that); it is not the end.
    private void Copy(ReadOnlySpan<byte> data, bool endOfBody)
    {
        for (var i = _copies.Count - 1; i >= 0; i--)
        {
            var copy = _copies[i];
            if (endOfBody)
            {
                // The copies are complete.
                copy.Complete();
                _copies.RemoveAt(i);
                continue;
            }

            if (data.IsEmpty)
            {
                continue;
            }

            copy.Write(data);
            var flush = copy.FlushAsync();
            if (!flush.IsCompleted)
            {
                // The mirror is more than BufferLimit behind: give it up rather than wait for it.
                copy.CancelPendingFlush();
                copy.Complete(new IOException("the mirror fell too far behind the request"));
                _copies.RemoveAt(i);
            }
            else if (flush.Result.IsCompleted)
            {
                // The mirror stopped reading (its request ended or failed).
                copy.Complete();
                _copies.RemoveAt(i);
            }
        }
    }

    private void CompleteAll(Exception error)
    {
        foreach (var copy in _copies)
        {
            copy.Complete(error);
        }

        _copies.Clear();
    }
}
