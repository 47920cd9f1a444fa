using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class TeeRequestBodyTests
{
    [Fact]
    public async Task Read_WholeBody_CopyGetsTheSameBytes()
    {
        var body = RandomBytes(200_000);
        var context = Context(body);
        var tee = TeeRequestBody.Install(context);
        var copy = tee.AddCopy();
        var copied = new MemoryStream();
        var reading = copy.CopyToAsync(copied);

        var main = new MemoryStream();
        await context.Request.Body.CopyToAsync(main);
        await reading.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(body, main.ToArray());
        Assert.Equal(body, copied.ToArray());
    }

    [Fact]
    public async Task Read_CopyNeverRead_MainRequestNotHeldBackAndCopyFails()
    {
        var body = RandomBytes(TeeRequestBody.BufferLimit * 3);
        var context = Context(body);
        var copy = TeeRequestBody.Install(context).AddCopy();

        var main = new MemoryStream();
        await context.Request.Body.CopyToAsync(main).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(body.Length, main.Length);
        await Assert.ThrowsAsync<IOException>(() => copy.CopyToAsync(Stream.Null).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Dispose_BodyNotReadToTheEnd_CopyFails()
    {
        var context = Context(RandomBytes(1000));
        var tee = TeeRequestBody.Install(context);
        var copy = tee.AddCopy();
        var buffer = new byte[10];
        Assert.Equal(10, await context.Request.Body.ReadAsync(buffer));

        await tee.DisposeAsync();

        await Assert.ThrowsAsync<IOException>(() => copy.CopyToAsync(Stream.Null).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task ZeroByteRead_IsNotTheEnd_CopyStaysOpen()
    {
        var body = RandomBytes(100);
        var context = Context(body);
        var copy = TeeRequestBody.Install(context).AddCopy();

        Assert.Equal(0, await context.Request.Body.ReadAsync(Memory<byte>.Empty));
        var main = new MemoryStream();
        await context.Request.Body.CopyToAsync(main);
        var copied = new MemoryStream();
        await copy.CopyToAsync(copied).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(body, copied.ToArray());
    }

    private static DefaultHttpContext Context(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        return context;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
