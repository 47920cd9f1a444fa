using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Dns.Tests.Support;

/// <summary>Sends raw messages over UDP or TCP, for tests that need exact bytes on the wire.</summary>
internal static class RawClient
{
    public static async Task<byte[]?> UdpAsync(IPEndPoint server, byte[] query, TimeSpan? timeout = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server);
        await socket.SendAsync(query, SocketFlags.None);
        var buffer = new byte[65535];
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(3));
        try
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return buffer[..n];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Writes every query framed in one send (pipelined), then reads as many framed responses.</summary>
    public static async Task<List<byte[]>> TcpPipelinedAsync(IPEndPoint server, IReadOnlyList<byte[]> queries)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server);
        await using var stream = new NetworkStream(socket);
        var framed = new List<byte>();
        foreach (var query in queries)
        {
            framed.Add((byte)(query.Length >> 8));
            framed.Add((byte)query.Length);
            framed.AddRange(query);
        }

        await stream.WriteAsync(framed.ToArray());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var responses = new List<byte[]>();
        var prefix = new byte[2];
        for (var i = 0; i < queries.Count; i++)
        {
            await stream.ReadExactlyAsync(prefix, cts.Token);
            var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            await stream.ReadExactlyAsync(response, cts.Token);
            responses.Add(response);
        }

        return responses;
    }
}
