namespace Switchyard.Gateway.TlsRouting;

/// <summary>
/// A client stream whose first bytes were already read to peek at the ClientHello: reads return those bytes first,
/// then continue from the socket, so that SslStream sees the connection from its first byte. Writes go straight through.
/// </summary>
internal sealed class ReplayStream(byte[] buffer, int length, Stream inner) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (TryReplay(destination, out var copied))
        {
            return copied;
        }

        return inner.Read(destination);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (TryReplay(destination.Span, out var copied))
        {
            return ValueTask.FromResult(copied);
        }

        return inner.ReadAsync(destination, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> source) => inner.Write(source);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(source, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private bool TryReplay(Span<byte> destination, out int copied)
    {
        copied = 0;
        var left = length - _position;
        if (left <= 0)
        {
            return false;
        }

        if (destination.Length == 0)
        {
            // A zero-byte read waits for data (SslStream uses it before renting a buffer): there is some already.
            return true;
        }

        copied = Math.Min(left, destination.Length);
        buffer.AsSpan(_position, copied).CopyTo(destination);
        _position += copied;
        return true;
    }
}
