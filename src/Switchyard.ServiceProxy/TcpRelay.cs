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
    // Byte counts reach the meter in batches: a Counter.Add per small chunk would cost more than the relay itself.
    private const long FlushBytes = 1 << 20;

    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly ServiceProxyMetrics _metrics;
    private readonly string _ruleId;
    private int _aborted;

    public TcpRelay(Socket client, Socket upstream, ServiceProxyMetrics metrics, string ruleId)
    {
        _client = client;
        _upstream = upstream;
        _metrics = metrics;
        _ruleId = ruleId;
    }

    public async Task RunAsync(int bufferSize)
    {
        var toUpstream = ArrayPool<byte>.Shared.Rent(bufferSize);
        var toClient = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            var up = PumpAsync(_client, _upstream, toUpstream, "to_endpoint");
            var down = PumpAsync(_upstream, _client, toClient, "to_client");
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

    private async Task PumpAsync(Socket from, Socket to, byte[] buffer, string direction)
    {
        long pending = 0;
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

                pending += read;
                if (pending >= FlushBytes)
                {
                    _metrics.Bytes(_ruleId, "tcp", direction, pending);
                    pending = 0;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Abort();
        }
        finally
        {
            _metrics.Bytes(_ruleId, "tcp", direction, pending);
        }
    }
}
