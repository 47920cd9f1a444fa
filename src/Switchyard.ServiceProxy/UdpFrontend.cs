using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.ServiceProxy;

/// <summary>
/// A UDP frontend: one flow per client address and port, each with its own connected upstream socket to the chosen
/// endpoint, so replies come back from the frontend address. Flows end after <see cref="ServiceProxyOptions.UdpIdleTimeout"/>
/// without traffic, and at once when their endpoint leaves the set (kube-proxy clears UDP conntrack entries then).
/// </summary>
internal sealed class UdpFrontend : Frontend
{
    private const string ProtocolTag = "udp";

    private readonly ConcurrentDictionary<SocketAddress, UdpSession> _sessions = new();
    private Socket? _socket;

    public UdpFrontend(FrontendKey key, ServiceProxyContext context)
        : base(key, context)
    {
    }

    public override bool IsListening => _socket is not null;

    public int SessionCount => _sessions.Count;

    protected override TimeSpan DrainGrace => TimeSpan.Zero;

    /// <summary>The socket replies go out on; null while not listening.</summary>
    internal Socket? Socket => Volatile.Read(ref _socket);

    public override void Sweep(long now)
    {
        base.Sweep(now);
        var idle = (long)(Context.Options.UdpIdleTimeout.TotalSeconds * Context.Time.TimestampFrequency);
        foreach (var (_, session) in _sessions)
        {
            if (now - session.LastActivity > idle)
            {
                session.Abort();
            }
        }
    }

    internal void Remove(UdpSession session) =>
        _sessions.TryRemove(new KeyValuePair<SocketAddress, UdpSession>(session.Client, session));

    protected override string? StartListening()
    {
        var socket = new Socket(Key.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (Key.Address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(new IPEndPoint(Key.Address, Key.Port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return e.Message;
        }

        Volatile.Write(ref _socket, socket);
        _ = ReceiveLoopAsync(socket);
        return null;
    }

    protected override void StopListening()
    {
        var socket = Interlocked.Exchange(ref _socket, null);
        socket?.Dispose();
        foreach (var (_, session) in _sessions)
        {
            session.Abort();
        }
    }

    private async Task ReceiveLoopAsync(Socket socket)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(Math.Max(Context.Options.BufferSize, 65536), pinned: true);
        var from = new SocketAddress(socket.AddressFamily);
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, from).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier reply (the client went away); keep serving others.
                continue;
            }

            if (!_sessions.TryGetValue(from, out var session) || session.IsClosed)
            {
                session = Open(socket, from);
                if (session is null)
                {
                    continue;
                }
            }

            session.Touch(Context.Time.GetTimestamp());
            try
            {
                await session.Upstream.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
                Context.Metrics.Bytes(session.RuleId, ProtocolTag, "to_endpoint", read);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                session.Abort();
            }
        }
    }

    private UdpSession? Open(Socket socket, SocketAddress from)
    {
        var target = Target;
        var client = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span.CopyTo(client.Buffer.Span);
        var clientEndPoint = (IPEndPoint)new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(client);
        var endpoint = Pick(target, ClientKey.From(clientEndPoint.Address), null);
        if (endpoint is null)
        {
            Context.Metrics.Flow(target.RuleId, ProtocolTag, "no_endpoint");
            return null;
        }

        var upstream = new Socket(endpoint.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            upstream.Connect(endpoint.EndPoint);
        }
        catch (SocketException)
        {
            upstream.Dispose();
            Context.Metrics.Flow(target.RuleId, ProtocolTag, "connect_failed");
            return null;
        }

        var session = new UdpSession(this, client, upstream, endpoint, target.RuleId, Context);
        if (!endpoint.TryTrack(session))
        {
            upstream.Dispose();
            return null;
        }

        _sessions[client] = session;
        Context.Metrics.Flow(target.RuleId, ProtocolTag, "forwarded");
        Context.Metrics.Active(target.RuleId, ProtocolTag, 1);
        _ = session.RunAsync();
        return session;
    }
}
