using System.Buffers;
using System.Net.Sockets;

namespace Switchyard.ServiceProxy;

/// <summary>
/// One proxied TCP connection: two socket-to-socket copies over pooled buffers (no allocation per chunk). A FIN in one
/// direction is passed on as a half-close while the other direction keeps flowing; a reset or an abort ends both sides
/// with an RST.
/// </summary>
internal sealed class TcpRelay : ITrackedFlow
{
    private readonly Socket _client;
    private readonly Socket _upstream;
    private int _aborted;

    public TcpRelay(Socket client, Socket upstream)
    {
        _client = client;
        _upstream = upstream;
    }

    public async Task RunAsync(int bufferSize)
    {
        var toUpstream = ArrayPool<byte>.Shared.Rent(bufferSize);
        var toClient = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            var up = PumpAsync(_client, _upstream, toUpstream);
            var down = PumpAsync(_upstream, _client, toClient);
            await up.ConfigureAwait(false);
            await down.ConfigureAwait(false);
        }
        finally
        {
            _client.Dispose();
            _upstream.Dispose();
            ArrayPool<byte>.Shared.Return(toUpstream);
            ArrayPool<byte>.Shared.Return(toClient);
        }
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        TcpFrontend.Reset(_client);
        TcpFrontend.Reset(_upstream);
    }

    private async Task PumpAsync(Socket from, Socket to, byte[] buffer)
    {
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Abort();
        }
    }
}
