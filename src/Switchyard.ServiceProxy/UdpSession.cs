using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.ServiceProxy;

/// <summary>One UDP flow: a client address and port, and the connected socket to its endpoint.</summary>
internal sealed class UdpSession : ITrackedFlow
{
    private const string ProtocolTag = "udp";

    private readonly UdpFrontend _frontend;
    private readonly EndpointState _endpoint;
    private readonly string _ruleId;
    private readonly ServiceProxyContext _context;
    private long _lastActivity;
    private int _closed;

    public UdpSession(UdpFrontend frontend, SocketAddress client, Socket upstream, EndpointState endpoint, string ruleId, ServiceProxyContext context)
    {
        _frontend = frontend;
        Client = client;
        Upstream = upstream;
        _endpoint = endpoint;
        _ruleId = ruleId;
        _context = context;
        _lastActivity = context.Time.GetTimestamp();
    }

    public SocketAddress Client { get; }

    public Socket Upstream { get; }

    public string RuleId => _ruleId;

    public IPEndPoint EndPoint => _endpoint.EndPoint;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public long LastActivity => Volatile.Read(ref _lastActivity);

    public void Touch(long now) => Volatile.Write(ref _lastActivity, now);

    /// <summary>Relays the endpoint's datagrams back to the client from the frontend address.</summary>
    public async Task RunAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(65536);
        try
        {
            while (true)
            {
                var read = await Upstream.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                Touch(_context.Time.GetTimestamp());
                if (_frontend.Socket is not { } socket)
                {
                    return;
                }

                await socket.SendToAsync(buffer.AsMemory(0, read), SocketFlags.None, Client).ConfigureAwait(false);
                _context.Metrics.Bytes(_ruleId, ProtocolTag, "to_client", read);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Port unreachable from the endpoint, or the flow was ended.
        }
        finally
        {
            Abort();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        Upstream.Dispose();
        _frontend.Remove(this);
        _endpoint.Untrack(this);
        _context.Metrics.Active(_ruleId, ProtocolTag, -1);
    }
}
