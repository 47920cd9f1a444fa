using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;

namespace Switchyard.Dns;

/// <summary>DNS over TCP (RFC 1035 §4.2.2, RFC 7766): two-byte length framing, pipelined queries answered in order.</summary>
public sealed partial class DnsServer
{
    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }

            if (Interlocked.Increment(ref _tcpConnections) > _options.MaxTcpConnections)
            {
                Interlocked.Decrement(ref _tcpConnections);
                Log.TcpConnectionRefused(_logger, _options.MaxTcpConnections);
                client.Dispose();
                continue;
            }

            _ = ServeTcpAsync(client, ct);
        }
    }

    private async Task ServeTcpAsync(Socket client, CancellationToken ct)
    {
        client.NoDelay = true;
        var query = ArrayPool<byte>.Shared.Rent(DnsServerLimits.MaxTcpMessage);
        var response = ArrayPool<byte>.Shared.Rent(DnsServerLimits.MaxTcpMessage + 2);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await using var network = new NetworkStream(client, ownsSocket: true);
            await using var stream = new BufferedStream(network, 16 * 1024);
            while (true)
            {
                idle.CancelAfter(_options.TcpIdleTimeout);
                if (!await ReadFullyAsync(stream, query.AsMemory(0, 2), idle.Token).ConfigureAwait(false))
                {
                    break;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(query);
                if (length == 0 || !await ReadFullyAsync(stream, query.AsMemory(0, length), idle.Token).ConfigureAwait(false))
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                var answer = Answer(query.AsSpan(0, length), response.AsSpan(2, DnsServerLimits.MaxTcpMessage), tcp: true, out var result);
                if (result.Disposition == DnsDisposition.Forward)
                {
                    answer = await _forwarder!.ResolveAsync(query.AsMemory(0, length), response.AsMemory(2, DnsServerLimits.MaxTcpMessage), tcp: true, ct).ConfigureAwait(false);
                    RecordForwarded(response.AsSpan(2, answer), tcp: true, started);
                }
                else if (answer > 0)
                {
                    if (result.ChaseOffset > 0 && _forwarder is not null)
                    {
                        answer = await _forwarder.ChaseAsync(response.AsMemory(2, DnsServerLimits.MaxTcpMessage), answer, result.ChaseOffset, result.QueryType, result.Edns, result.ResponseLimit, ct).ConfigureAwait(false);
                    }

                    _metrics?.Query(in result, tcp: true, started);
                }

                if (answer == 0)
                {
                    // Not a query (RFC 7766 §7: nothing sensible to answer): close.
                    break;
                }

                BinaryPrimitives.WriteUInt16BigEndian(response, (ushort)answer);
                await network.WriteAsync(response.AsMemory(0, answer + 2), ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            Log.QueryFailed(_logger, ex);
        }
        finally
        {
            client.Dispose();
            ArrayPool<byte>.Shared.Return(query);
            ArrayPool<byte>.Shared.Return(response);
            Interlocked.Decrement(ref _tcpConnections);
        }
    }

    /// <summary>Reads exactly the buffer; false on a clean close before the first byte, throws on a close mid-message.</summary>
    private static async ValueTask<bool> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], ct).ConfigureAwait(false);
            if (n == 0)
            {
                if (read == 0)
                {
                    return false;
                }

                throw new IOException("connection closed in the middle of a message");
            }

            read += n;
        }

        return true;
    }
}
