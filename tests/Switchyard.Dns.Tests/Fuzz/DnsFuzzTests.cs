using System.Diagnostics;
using System.Net.Sockets;
using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Fuzz;

/// <summary>
/// Over a million hostile packets into the responder (parser included): no exception escapes, every response stays
/// within its limit and parses, and a live server keeps answering after being fed the same.
/// </summary>
public sealed class DnsFuzzTests
{
    private const int Packets = 1_000_000;

    [Fact]
    public void Respond_MillionMutatedPackets_NoExceptionAndWellFormedResponses()
    {
        var view = DnsView.Compile(ServerCluster.Snapshot(extra: ServerCluster.BigHeadless(60)));
        var mutator = new PacketMutator(seed: 20261101);
        var udp = new byte[1232];
        var tcp = new byte[65535];
        var stopwatch = Stopwatch.StartNew();
        int answered = 0, dropped = 0, forwarded = 0;
        for (var i = 0; i < Packets; i++)
        {
            var packet = mutator.Next();
            var overTcp = (i & 7) == 0;
            var buffer = overTcp ? tcp : udp;
            var options = new DnsResponderOptions(1232, RecursionAvailable: (i & 1) == 0);
            var length = DnsResponder.Respond((i % 97) == 0 ? null : view, packet, buffer, overTcp, options, out var result);
            switch (result.Disposition)
            {
                case DnsDisposition.Answered:
                    answered++;
                    Assert.InRange(length, 12, overTcp ? 65535 : 1232);
                    Assert.True(overTcp || length <= Math.Max(512, result.ResponseLimit), $"packet {i}: {length} bytes over the limit {result.ResponseLimit}");
                    if (i % 64 == 0)
                    {
                        var decoded = DecodedMessage.Parse(buffer.AsSpan(0, length));
                        Assert.Equal(packet[0] << 8 | packet[1], decoded.Header.Id);
                    }

                    break;
                case DnsDisposition.Dropped:
                    dropped++;
                    Assert.Equal(0, length);
                    break;
                default:
                    forwarded++;
                    Assert.Equal(0, length);
                    break;
            }
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {stopwatch.Elapsed}");
        Assert.Equal(Packets, answered + dropped + forwarded);
        Assert.True(answered > Packets / 2, $"only {answered} answered");
    }

    [Fact]
    public async Task Server_FedMutatedPackets_KeepsAnswering()
    {
        await using var server = await ServerCluster.StartAsync(ServerCluster.Snapshot());
        var endpoint = server.LocalEndPoint!;
        var mutator = new PacketMutator(seed: 7);
        using (var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
        {
            await socket.ConnectAsync(endpoint);
            for (var i = 0; i < 20_000; i++)
            {
                await socket.SendAsync(mutator.Next(), SocketFlags.None);
            }
        }

        // TCP: garbage framed and unframed, on several connections.
        for (var c = 0; c < 20; c++)
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint);
            for (var i = 0; i < 50; i++)
            {
                var packet = mutator.Next();
                var framed = (c & 1) == 0 ? [(byte)(packet.Length >> 8), (byte)packet.Length, .. packet] : packet;
                try
                {
                    await socket.SendAsync(framed, SocketFlags.None);
                }
                catch (SocketException)
                {
                    break;
                }
            }
        }

        // The server may still be working through the garbage backlog (or the kernel dropped the query from a full
        // socket buffer) on a loaded machine: retry as a resolver would; what must hold is that it answers again.
        byte[]? response = null;
        for (var attempt = 0; attempt < 10 && response is null; attempt++)
        {
            response = await RawClient.UdpAsync(endpoint, QueryBuilder.Query("web.default.svc.cluster.local.", 1, id: 0x7777));
        }

        Assert.NotNull(response);
        var decoded = DecodedMessage.Parse(response);
        Assert.Equal(0x7777, decoded.Header.Id);
        Assert.Equal(["web.default.svc.cluster.local. 5 IN A 192.0.2.10"], decoded.Answers);
        var tcp = await RawClient.TcpPipelinedAsync(endpoint, [QueryBuilder.Query("web.default.svc.cluster.local.", 28, id: 0x7778)]);
        Assert.Single(DecodedMessage.Parse(tcp[0]).Answers);
    }
}
