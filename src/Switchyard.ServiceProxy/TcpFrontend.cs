using System.Net;
using System.Net.Sockets;

namespace Switchyard.ServiceProxy;

/// <summary>A TCP frontend: accepts, picks an endpoint, connects (trying others when one refuses) and relays.</summary>
internal sealed class TcpFrontend : Frontend
{
    private const int Backlog = 1024;
    private const string ProtocolTag = "tcp";

    private Socket? _listener;

    public TcpFrontend(FrontendKey key, ServiceProxyContext context)
        : base(key, context)
    {
    }

    public override bool IsListening => _listener is not null;

    protected override TimeSpan DrainGrace => Context.Options.DrainGracePeriod;

    protected override string? StartListening()
    {
        var listener = new Socket(Key.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Lets the port be bound again at once after a stop, while accepted connections linger in TIME_WAIT.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (Key.Address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listener.DualMode = false;
            }

            listener.Bind(new IPEndPoint(Key.Address, Key.Port));
            listener.Listen(Backlog);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            return e.Message;
        }

        _listener = listener;
        _ = AcceptLoopAsync(listener);
        return null;
    }

    protected override void StopListening()
    {
        var listener = _listener;
        _listener = null;
        listener?.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown)
            {
                return;
            }
            catch (SocketException e)
            {
                // Transient accept failures (e.g. too many open files) must not end the loop.
                ServiceProxyDataPlane.Log.AcceptFailed(Context.Logger, Key.ToString(), e.SocketErrorCode);
                continue;
            }

            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        var target = Target;
        ClientKey clientKey;
        try
        {
            clientKey = client.RemoteEndPoint is IPEndPoint remote ? ClientKey.From(remote.Address) : default;
            client.NoDelay = true;
        }
        catch (SocketException)
        {
            // Reset by the client before we got to it.
            client.Dispose();
            return;
        }

        Socket? upstream = null;
        EndpointState? endpoint = null;
        EndpointState? failed = null;
        var attempts = Math.Min(Context.Options.ConnectAttempts, Math.Max(1, target.Endpoints.Length));
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            endpoint = Pick(target, clientKey, failed);
            if (endpoint is null)
            {
                break;
            }

            upstream = await ConnectAsync(endpoint).ConfigureAwait(false);
            if (upstream is not null)
            {
                break;
            }

            ServiceProxyDataPlane.Log.ConnectFailed(Context.Logger, target.RuleId, endpoint.EndPoint);
            failed = endpoint;
        }

        if (upstream is null || endpoint is null)
        {
            Context.Metrics.Flow(target.RuleId, ProtocolTag, endpoint is null ? "no_endpoint" : "connect_failed");
            Reset(client);
            return;
        }

        Context.Metrics.Flow(target.RuleId, ProtocolTag, "forwarded");
        var relay = new TcpRelay(client, upstream, Context.Metrics, target.RuleId);
        if (!endpoint.TryTrack(relay))
        {
            relay.Abort();
            return;
        }

        Context.Metrics.Active(target.RuleId, ProtocolTag, 1);
        try
        {
            await relay.RunAsync(Context.Options.BufferSize).ConfigureAwait(false);
        }
        finally
        {
            endpoint.Untrack(relay);
            Context.Metrics.Active(target.RuleId, ProtocolTag, -1);
        }
    }

    private async ValueTask<Socket?> ConnectAsync(EndpointState endpoint)
    {
        var socket = new Socket(endpoint.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Context.Options.ConnectTimeout, Context.Time);
        try
        {
            await socket.ConnectAsync(endpoint.EndPoint, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Closes with an RST, as a kernel does for a connection nobody takes.</summary>
    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer, or already closed.
        }

        socket.Dispose();
    }
}
