using System.Buffers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Switchyard.Gateway.TlsRouting;

internal sealed partial class TlsConnection
{
    /// <summary>
    /// Copies both ways over pooled buffers until both directions have ended. An end of stream in one direction is
    /// passed on as a half-close (after a TLS close_notify when the gateway terminated TLS) while the other keeps
    /// flowing; an error or reset on either side resets both.
    /// </summary>
    private async Task RelayAsync(Stream client, Stream upstream)
    {
        var toUpstream = ArrayPool<byte>.Shared.Rent(TlsRoutingContext.BufferSize);
        var toClient = ArrayPool<byte>.Shared.Rent(TlsRoutingContext.BufferSize);
        try
        {
            var up = PumpAsync(client, upstream, towardClient: false, toUpstream);
            var down = PumpAsync(upstream, client, towardClient: true, toClient);
            await up.ConfigureAwait(false);
            await down.ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(toUpstream);
            ArrayPool<byte>.Shared.Return(toClient);
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool towardClient, byte[] buffer)
    {
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (read == 0)
                {
                    await ShutdownSendAsync(towardClient).ConfigureAwait(false);
                    return;
                }

                Touch();
                await to.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or InvalidOperationException)
        {
            Abort();
        }
    }

    private async ValueTask ShutdownSendAsync(bool towardClient)
    {
        if (!towardClient)
        {
            _upstream?.Shutdown(SocketShutdown.Send);
            return;
        }

        if (_tls is not null)
        {
            await _tls.ShutdownAsync().ConfigureAwait(false);
        }

        _client.Shutdown(SocketShutdown.Send);
    }
}
