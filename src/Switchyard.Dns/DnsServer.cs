using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Dns.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Dns;

/// <summary>
/// The cluster DNS server: UDP and TCP on one port, answering from the current <see cref="DnsView"/> (one per published
/// snapshot, swapped atomically) and forwarding other names to the upstream resolver when one is set. Until the first
/// <see cref="ApplySnapshot"/> every query is answered SERVFAIL.
/// </summary>
public sealed partial class DnsServer : IAsyncDisposable
{
    private readonly DnsServerOptions _options;
    private readonly DnsResponderOptions _responderOptions;
    private readonly ILogger _logger;
    private readonly DnsMetrics? _metrics;
    private readonly DnsForwarder? _forwarder;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private DnsView? _view;
    private Socket? _udp;
    private Socket? _tcp;
    private int _tcpConnections;

    /// <param name="options">Listener-independent settings; <see cref="DnsServerOptions.Upstream"/> null means REFUSED for other names.</param>
    /// <param name="loggerFactory">Optional; logs nothing when null.</param>
    /// <param name="meterFactory">Optional; no metrics when null.</param>
    /// <param name="time">Clock for cache expiry and upstream timeouts; the system clock when null.</param>
    public DnsServer(DnsServerOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null, TimeProvider? time = null)
    {
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Switchyard.Dns");
        _metrics = meterFactory is null ? null : new DnsMetrics(meterFactory);
        _responderOptions = new DnsResponderOptions((ushort)Math.Clamp(options.MaxUdpPayload, 512, 65535), options.Upstream is not null);
        if (options.Upstream is not null)
        {
            _forwarder = new DnsForwarder(options.Upstream, options, time ?? TimeProvider.System, _logger, _metrics);
        }
    }

    /// <summary>The view queries are answered from, or null before the first snapshot.</summary>
    public DnsView? View => Volatile.Read(ref _view);

    /// <summary>The bound address and port (the real port when started with port 0), or null before start.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Number of upstream answers in the cache.</summary>
    public int CachedAnswers => _forwarder?.CacheCount ?? 0;

    /// <summary>
    /// Compiles the snapshot's DNS data and makes it the one every following query reads. Thread-safe; a snapshot older
    /// than the current one is ignored, so a late caller cannot roll the zone back.
    /// </summary>
    public DnsView ApplySnapshot(Snapshot snapshot)
    {
        var view = DnsView.Compile(snapshot);
        while (true)
        {
            var current = Volatile.Read(ref _view);
            if (current is not null && current.Generation > view.Generation)
            {
                Log.StaleSnapshot(_logger, snapshot.Generation, current.Generation);
                return current;
            }

            if (Interlocked.CompareExchange(ref _view, view, current) == current)
            {
                Log.SnapshotApplied(_logger, view.Generation, view.NameCount);
                return view;
            }
        }
    }

    /// <summary>
    /// Binds UDP and TCP on <paramref name="endpoint"/> (port 0: a free port, the same for both, see
    /// <see cref="LocalEndPoint"/>) and starts serving. Throws <see cref="SocketException"/> when the port is taken.
    /// </summary>
    public Task StartAsync(IPEndPoint endpoint, CancellationToken ct = default)
    {
        if (_udp is not null)
        {
            throw new InvalidOperationException("the DNS server is already started");
        }

        for (var attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var udp = NewSocket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp, endpoint.Address);
            Socket? tcp = null;
            try
            {
                udp.Bind(endpoint);
                var bound = (IPEndPoint)udp.LocalEndPoint!;
                tcp = NewSocket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp, endpoint.Address);
                tcp.Bind(new IPEndPoint(endpoint.Address, bound.Port));
                tcp.Listen(512);
                _udp = udp;
                _tcp = tcp;
                LocalEndPoint = new IPEndPoint(endpoint.Address, bound.Port);
                break;
            }
            catch (SocketException ex) when (endpoint.Port == 0 && ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 20)
            {
                // The free UDP port is taken for TCP: pick another.
                udp.Dispose();
                tcp?.Dispose();
            }
            catch
            {
                udp.Dispose();
                tcp?.Dispose();
                throw;
            }
        }

        if (_options.Upstream is { } upstream && IsSelf(upstream, LocalEndPoint))
        {
            // Forwarding to ourselves would loop every unknown name until it times out.
            _udp.Dispose();
            _tcp.Dispose();
            _udp = null;
            _tcp = null;
            throw new InvalidOperationException($"the DNS upstream {DnsServerOptions.Describe(upstream)} is this server ({DnsServerOptions.Describe(LocalEndPoint)}); set another upstream or none");
        }

        for (var i = 0; i < _options.UdpReceivers; i++)
        {
            _loops.Add(Task.Run(() => UdpLoopAsync(_udp, _stop.Token), CancellationToken.None));
        }

        _loops.Add(Task.Run(() => AcceptLoopAsync(_tcp, _stop.Token), CancellationToken.None));
        Log.Listening(_logger, DnsServerOptions.Describe(LocalEndPoint), DnsServerOptions.Describe(_options.Upstream));
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and waits for the loops; in-flight TCP connections are closed.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _udp?.Dispose();
        _tcp?.Dispose();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static bool IsSelf(IPEndPoint upstream, IPEndPoint local)
    {
        if (upstream.Port != local.Port)
        {
            return false;
        }

        var address = upstream.Address.IsIPv4MappedToIPv6 ? upstream.Address.MapToIPv4() : upstream.Address;
        return address.Equals(local.Address)
            || ((local.Address.Equals(IPAddress.Any) || local.Address.Equals(IPAddress.IPv6Any)) && IPAddress.IsLoopback(address));
    }

    private static Socket NewSocket(AddressFamily family, SocketType type, ProtocolType protocol, IPAddress address)
    {
        var socket = new Socket(family, type, protocol);
        if (family == AddressFamily.InterNetworkV6 && address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }

        if (type == SocketType.Stream)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        return socket;
    }

    private async Task UdpLoopAsync(Socket socket, CancellationToken ct)
    {
        var receive = new byte[DnsServerLimits.MaxUdpQuery];
        var send = new byte[Math.Max(_options.MaxUdpPayload, 512)];
        var client = new SocketAddress(socket.AddressFamily);
        while (!ct.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(receive, SocketFlags.None, client, ct).ConfigureAwait(false);
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
                // ICMP errors from earlier sends and the like: keep serving.
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var length = Answer(receive.AsSpan(0, received), send, tcp: false, out var result);
            if (result.Disposition == DnsDisposition.Forward)
            {
                var address = new SocketAddress(client.Family, client.Size);
                client.Buffer.CopyTo(address.Buffer);
                _ = ForwardUdpAsync(socket, receive[..received], address, started, ct);
                continue;
            }

            if (length == 0)
            {
                continue;
            }

            if (result.ChaseOffset > 0 && _forwarder is not null)
            {
                var address = new SocketAddress(client.Family, client.Size);
                client.Buffer.CopyTo(address.Buffer);
                _ = ChaseUdpAsync(socket, send[..Math.Max(length, result.ResponseLimit)], length, result, address, started, ct);
                continue;
            }

            try
            {
                await socket.SendToAsync(send.AsMemory(0, length), SocketFlags.None, client, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                continue;
            }

            _metrics?.Query(in result, tcp: false, started);
        }
    }

    private async Task ForwardUdpAsync(Socket socket, byte[] query, SocketAddress client, long started, CancellationToken ct)
    {
        try
        {
            var response = new byte[Math.Max(_options.MaxUdpPayload, 512)];
            var length = await _forwarder!.ResolveAsync(query, response, tcp: false, ct).ConfigureAwait(false);
            if (length > 0)
            {
                await socket.SendToAsync(response.AsMemory(0, length), SocketFlags.None, client, ct).ConfigureAwait(false);
                RecordForwarded(response.AsSpan(0, length), tcp: false, started);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            Log.QueryFailed(_logger, ex);
        }
    }

    private async Task ChaseUdpAsync(Socket socket, byte[] response, int length, DnsQueryResult result, SocketAddress client, long started, CancellationToken ct)
    {
        try
        {
            length = await _forwarder!.ChaseAsync(response, length, result.ChaseOffset, result.QueryType, result.Edns, result.ResponseLimit, ct).ConfigureAwait(false);
            await socket.SendToAsync(response.AsMemory(0, length), SocketFlags.None, client, ct).ConfigureAwait(false);
            _metrics?.Query(in result, tcp: false, started);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            Log.QueryFailed(_logger, ex);
        }
    }

    /// <summary>Runs the responder; a bug in it becomes a log line and no answer, never a dead loop.</summary>
    private int Answer(ReadOnlySpan<byte> query, Span<byte> response, bool tcp, out DnsQueryResult result)
    {
        try
        {
            return DnsResponder.Respond(View, query, response, tcp, _responderOptions, out result);
        }
        catch (Exception ex)
        {
            Log.QueryFailed(_logger, ex);
            result = default;
            result.Disposition = DnsDisposition.Dropped;
            return 0;
        }
    }

    private void RecordForwarded(ReadOnlySpan<byte> response, bool tcp, long started)
    {
        if (_metrics is null || response.Length < 4)
        {
            return;
        }

        var result = default(DnsQueryResult);
        result.Rcode = (Protocol.DnsRcode)(response[3] & 0xF);
        // The forwarded answer echoes the question: its type labels the query like an authoritative answer's does.
        Span<byte> name = stackalloc byte[Protocol.DnsConstants.MaxNameLength];
        if (Protocol.DnsWire.TryReadQuestion(response, Protocol.DnsConstants.HeaderLength, name, out _, out var type, out _, out _))
        {
            result.QueryType = type;
        }

        _metrics.Query(in result, tcp, started);
    }
}
