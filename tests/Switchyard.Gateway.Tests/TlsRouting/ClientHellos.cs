using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Switchyard.Gateway.Tests.TlsRouting;

/// <summary>ClientHello bytes for parser tests: captured from a real SslStream client, or built field by field.</summary>
internal static class ClientHellos
{
    /// <summary>The first flight a .NET TLS client sends for <paramref name="targetHost"/> (empty: no SNI).</summary>
    public static byte[] Capture(string targetHost, SslProtocols protocols = SslProtocols.None)
    {
        var stream = new CaptureStream();
        using var ssl = new SslStream(stream);
        var handshake = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = static (_, _, _, _) => true,
        });
        Assert.True(stream.Written.Wait(TimeSpan.FromSeconds(30)), "the client wrote its ClientHello");
        stream.Close();
        try
        {
            handshake.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // The handshake cannot finish: nobody answers.
        }

        return stream.Bytes;
    }

    /// <summary>The handshake message (header included) of single-record hello bytes.</summary>
    public static byte[] HandshakeOf(byte[] records)
    {
        var result = new List<byte>();
        var offset = 0;
        while (offset + 5 <= records.Length)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(records.AsSpan(offset + 3));
            result.AddRange(records.AsSpan(offset + 5, length).ToArray());
            offset += 5 + length;
        }

        return [.. result];
    }

    /// <summary>Wraps a handshake message into records of at most <paramref name="fragment"/> bytes each.</summary>
    public static byte[] Records(byte[] handshake, int fragment = 1 << 14, byte contentType = 22, byte major = 3, byte minor = 1)
    {
        var result = new List<byte>();
        for (var offset = 0; offset < handshake.Length; offset += fragment)
        {
            var length = Math.Min(fragment, handshake.Length - offset);
            result.Add(contentType);
            result.Add(major);
            result.Add(minor);
            result.Add((byte)(length >> 8));
            result.Add((byte)length);
            result.AddRange(handshake.AsSpan(offset, length).ToArray());
        }

        return [.. result];
    }

    /// <summary>A ClientHello handshake message (header included) built from its fields.</summary>
    public static byte[] Build(
        byte[][]? extensions = null,
        int sessionIdLength = 32,
        int cipherSuitesLength = 4,
        int compressionLength = 1,
        bool omitExtensions = false,
        int extensionsLengthDelta = 0)
    {
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.Add((byte)sessionIdLength);
        body.AddRange(new byte[Math.Min(sessionIdLength, 255)]);
        body.Add((byte)(cipherSuitesLength >> 8));
        body.Add((byte)cipherSuitesLength);
        body.AddRange(Enumerable.Repeat((byte)0x13, cipherSuitesLength));
        body.Add((byte)compressionLength);
        body.AddRange(new byte[compressionLength]);
        if (!omitExtensions)
        {
            var block = (extensions ?? []).SelectMany(e => e).ToArray();
            var declared = block.Length + extensionsLengthDelta;
            body.Add((byte)(declared >> 8));
            body.Add((byte)declared);
            body.AddRange(block);
        }

        return [1, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count, .. body];
    }

    /// <summary>An extension: type, 16-bit length, data.</summary>
    public static byte[] Extension(ushort type, byte[] data) =>
        [(byte)(type >> 8), (byte)type, (byte)(data.Length >> 8), (byte)data.Length, .. data];

    /// <summary>A server_name extension with one entry per (name type, name).</summary>
    public static byte[] ServerName(params (byte Type, string Name)[] names) => ServerNameBytes([.. names.Select(n => (n.Type, Encoding.Latin1.GetBytes(n.Name)))]);

    public static byte[] ServerNameBytes(params (byte Type, byte[] Name)[] names)
    {
        var list = new List<byte>();
        foreach (var (type, name) in names)
        {
            list.Add(type);
            list.Add((byte)(name.Length >> 8));
            list.Add((byte)name.Length);
            list.AddRange(name);
        }

        return Extension(0, [(byte)(list.Count >> 8), (byte)list.Count, .. list]);
    }

    /// <summary>Records the client's writes; its reads wait until the stream is closed.</summary>
    private sealed class CaptureStream : Stream
    {
        private readonly MemoryStream _written = new();
        private readonly CancellationTokenSource _closed = new();

        public ManualResetEventSlim Written { get; } = new();

        public byte[] Bytes
        {
            get
            {
                lock (_written)
                {
                    return _written.ToArray();
                }
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("closed");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, _closed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_written)
            {
                _written.Write(buffer, offset, count);
            }

            Written.Set();
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_written)
            {
                _written.Write(buffer.Span);
            }

            Written.Set();
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _closed.Cancel();
            }

            base.Dispose(disposing);
        }
    }
}
