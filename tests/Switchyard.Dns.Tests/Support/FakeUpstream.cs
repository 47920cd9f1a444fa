using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Switchyard.Dns.Protocol;

namespace Switchyard.Dns.Tests.Support;

/// <summary>
/// A scripted upstream resolver on loopback (UDP and TCP on one port): a handler builds each response, or returns null to
/// stay silent. Counts the queries it receives per lower-case name.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly Func<Request, byte[]?> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    public FakeUpstream(Func<Request, byte[]?> handler)
    {
        _handler = handler;
        // A free UDP port may be taken for TCP (other tests run in parallel): pick another, as DnsServer does.
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)udp.LocalEndPoint!).Port));
                tcp.Listen(16);
                _udp = udp;
                _tcp = tcp;
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 50)
            {
                udp.Dispose();
                tcp.Dispose();
            }
        }

        var port = ((IPEndPoint)_udp.LocalEndPoint!).Port;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    public ConcurrentDictionary<string, int> Queries { get; } = new(StringComparer.Ordinal);

    public int Count(string name) => Queries.GetValueOrDefault(name.ToLowerInvariant());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Dispose();
        await Task.WhenAll(_udpLoop.ContinueWith(_ => { }, TaskScheduler.Default), _tcpLoop.ContinueWith(_ => { }, TaskScheduler.Default));
        _stop.Dispose();
    }

    /// <summary>A response to <paramref name="query"/>: same ID and question, the given rcode and records.</summary>
    public static byte[] Response(byte[] query, int rcode, IEnumerable<(string Name, ushort Type, uint Ttl, byte[] Rdata)>? answers = null, IEnumerable<(string Name, ushort Type, uint Ttl, byte[] Rdata)>? authority = null, bool truncated = false, bool withOpt = true)
    {
        var answerList = answers?.ToList() ?? [];
        var authorityList = authority?.ToList() ?? [];
        var name = new byte[255];
        Assert.True(DnsWire.TryReadQuestion(query, 12, name, out var nameLength, out var type, out var @class, out _));
        var buffer = new byte[65535];
        var position = 12;
        DnsWire.TryWriteQuestion(buffer.AsSpan(position), name.AsSpan(0, nameLength), type, @class, out var written);
        position += written;
        foreach (var (owner, rtype, ttl, rdata) in answerList.Concat(authorityList))
        {
            var wire = DnsWire.EncodeName(owner);
            wire.CopyTo(buffer, position);
            position += wire.Length;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(position), rtype);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(position + 2), 1);
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(position + 4), ttl);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(position + 8), (ushort)rdata.Length);
            rdata.CopyTo(buffer, position + 10);
            position += 10 + rdata.Length;
        }

        if (withOpt)
        {
            DnsWire.TryWriteOpt(buffer.AsSpan(position), 1232, 0, false, out var opt);
            position += opt;
        }

        var flags = (ushort)(DnsHeader.FlagResponse | DnsHeader.FlagRecursionDesired | DnsHeader.FlagRecursionAvailable | rcode | (truncated ? DnsHeader.FlagTruncated : 0));
        DnsWire.TryWriteHeader(buffer, new DnsHeader
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(query),
            Flags = flags,
            QuestionCount = 1,
            AnswerCount = (ushort)answerList.Count,
            AuthorityCount = (ushort)authorityList.Count,
            AdditionalCount = withOpt ? (ushort)1 : (ushort)0,
        });
        return buffer[..position];
    }

    public static byte[] Soa(uint minimum)
    {
        var mname = DnsWire.EncodeName("ns.example.");
        var rname = DnsWire.EncodeName("hostmaster.example.");
        var rdata = new byte[mname.Length + rname.Length + 20];
        mname.CopyTo(rdata, 0);
        rname.CopyTo(rdata, mname.Length);
        var numbers = rdata.AsSpan(mname.Length + rname.Length);
        BinaryPrimitives.WriteUInt32BigEndian(numbers, 1);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[4..], 3600);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[8..], 600);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[12..], 86400);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[16..], minimum);
        return rdata;
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var response = Handle(buffer[..received.ReceivedBytes], tcp: false);
            if (response is not null)
            {
                await _udp.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _tcp.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            using (client)
            {
                await using var stream = new NetworkStream(client);
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(query);
                var response = Handle(query, tcp: true);
                if (response is not null)
                {
                    var framed = new byte[response.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                    response.CopyTo(framed, 2);
                    await stream.WriteAsync(framed);
                }
            }
        }
    }

    private byte[]? Handle(byte[] query, bool tcp)
    {
        var name = new byte[255];
        if (DnsQueryReader.TryParse(query, name, out var q) != DnsQueryStatus.Ok)
        {
            return null;
        }

        var text = DnsWire.FormatName(name.AsSpan(0, q.NameLength));
        Queries.AddOrUpdate(text.ToLowerInvariant(), 1, (_, n) => n + 1);
        return _handler(new Request(text, q.Type, query, tcp));
    }

    public sealed record Request(string Name, ushort Type, byte[] Query, bool Tcp);
}
