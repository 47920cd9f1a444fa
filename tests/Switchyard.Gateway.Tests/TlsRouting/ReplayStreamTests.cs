using Switchyard.Gateway.TlsRouting;

namespace Switchyard.Gateway.Tests.TlsRouting;

public sealed class ReplayStreamTests
{
    [Fact]
    public async Task ReadAsync_PeekedBytesThenInnerStream_InOrder()
    {
        var inner = new MemoryStream([4, 5, 6]);
        var stream = new ReplayStream([1, 2, 3, 99], 3, inner);
        var buffer = new byte[2];

        Assert.Equal(2, await stream.ReadAsync(buffer));
        Assert.Equal([1, 2], buffer);
        Assert.Equal(1, await stream.ReadAsync(buffer));
        Assert.Equal(3, buffer[0]);
        Assert.Equal(2, await stream.ReadAsync(buffer));
        Assert.Equal([4, 5], buffer);
        Assert.Equal(1, stream.Read(buffer));
        Assert.Equal(6, buffer[0]);
        Assert.Equal(0, await stream.ReadAsync(buffer));
    }

    [Fact]
    public async Task ReadAsync_ZeroBytesWhilePeekedBytesRemain_CompletesWithoutTouchingInner()
    {
        // SslStream waits for data with a zero-byte read; the inner stream would block until the client sends more.
        var stream = new ReplayStream([7], 1, new BlockingStream());

        var read = stream.ReadAsync(Memory<byte>.Empty).AsTask();

        Assert.True(read.IsCompleted);
        Assert.Equal(0, await read);
        var buffer = new byte[4];
        Assert.Equal(1, await stream.ReadAsync(buffer));
        Assert.Equal(7, buffer[0]);
    }

    [Fact]
    public void Write_GoesToInnerStream()
    {
        var inner = new MemoryStream();
        var stream = new ReplayStream([1], 1, inner);

        stream.Write([8, 9]);

        Assert.Equal([8, 9], inner.ToArray());
    }

    private sealed class BlockingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(static _ => 0, TaskScheduler.Default));
    }
}
