using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using Switchyard.Ir;
using Switchyard.Ir.ServiceProxy;

namespace Switchyard.ServiceProxy;

/// <summary>
/// The L4 Service proxy: a TCP or UDP socket per frontend of every <see cref="ServiceProxyRule"/> whose address is
/// local, forwarding to the rule's endpoints. Each snapshot is applied as a diff: frontends that stay keep their
/// sockets, endpoints that stay keep their connections, endpoints that leave are drained (TCP: closed after
/// <see cref="ServiceProxyOptions.DrainGracePeriod"/>; UDP: at once), and a frontend without endpoints closes its
/// socket so the kernel refuses connections (RST) as kube-proxy's REJECT does.
/// </summary>
public sealed partial class ServiceProxyDataPlane : IAsyncDisposable
{
    private readonly ServiceProxyContext _context;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<FrontendKey, Frontend> _frontends = [];
    private readonly List<Frontend> _retired = [];
    private readonly ITimer _sweeper;
    private Frontend[] _sweepList = [];
    private ImmutableArray<FrontendBinding> _bindings = [];
    private bool _disposed;

    public ServiceProxyDataPlane(ServiceProxyOptions options, TimeProvider time, ILogger<ServiceProxyDataPlane> logger, IMeterFactory? meterFactory = null)
    {
        _context = new ServiceProxyContext(options, time, logger, new ServiceProxyMetrics(meterFactory));
        _sweeper = time.CreateTimer(static state => ((ServiceProxyDataPlane)state!).Sweep(), this, options.SweepInterval, options.SweepInterval);
    }

    /// <summary>The binding results of the last applied snapshot.</summary>
    public ImmutableArray<FrontendBinding> Bindings => ImmutableInterlocked.InterlockedCompareExchange(ref _bindings, default, default);

    /// <summary>Applies a snapshot; returns one result per frontend, in rule order then frontend order.</summary>
    public async Task<ImmutableArray<FrontendBinding>> ApplyAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var result = Apply(snapshot);
            ImmutableInterlocked.InterlockedExchange(ref _bindings, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _sweeper.DisposeAsync().ConfigureAwait(false);
            foreach (var frontend in _frontends.Values.Concat(_retired))
            {
                frontend.Dispose();
            }

            _frontends.Clear();
            _retired.Clear();
            Volatile.Write(ref _sweepList, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The live frontend for a binding, for tests.</summary>
    internal Frontend? FrontendFor(ServiceProxyProtocol protocol, string address, int port)
    {
        _gate.Wait();
        try
        {
            return _frontends.GetValueOrDefault(new FrontendKey(protocol, IPAddress.Parse(address), port));
        }
        finally
        {
            _gate.Release();
        }
    }

    private ImmutableArray<FrontendBinding> Apply(Snapshot snapshot)
    {
        var local = LocalAddresses.Read();
        var results = ImmutableArray.CreateBuilder<FrontendBinding>();
        var seen = new HashSet<FrontendKey>();
        var frequency = _context.Time.TimestampFrequency;
        foreach (var rule in snapshot.ServiceProxy)
        {
            foreach (var frontend in rule.Frontends)
            {
                if (!IPAddress.TryParse(frontend.Address, out var address))
                {
                    // Snapshot.Validate refuses these; never trust a snapshot that skipped it.
                    results.Add(Binding(rule, frontend, FrontendBindingState.Failed, 0, "not an IP address"));
                    continue;
                }

                var key = new FrontendKey(rule.Protocol, address, frontend.Port);
                if (!seen.Add(key))
                {
                    // Snapshot.Validate refuses duplicates; a second claim is ignored rather than trusted.
                    continue;
                }

                if (!local.Contains(address))
                {
                    results.Add(Binding(rule, frontend, FrontendBindingState.NotLocalAddress, 0, "not a local address; not bound"));
                    continue;
                }

                var endpoints = new List<(IPEndPoint, string?)>();
                foreach (var endpoint in rule.Endpoints)
                {
                    if ((frontend.IsExternal ? endpoint.ReceivesExternal : endpoint.ReceivesInternal)
                        && IPAddress.TryParse(endpoint.Address, out var ip)
                        && ip.AddressFamily == address.AddressFamily)
                    {
                        endpoints.Add((new IPEndPoint(ip, endpoint.Port), endpoint.TargetRef));
                    }
                }

                if (!_frontends.TryGetValue(key, out var state))
                {
                    state = rule.Protocol == ServiceProxyProtocol.Tcp ? new TcpFrontend(key, _context) : new UdpFrontend(key, _context);
                    _frontends[key] = state;
                }

                var affinity = rule.ClientIPAffinitySeconds is { } seconds ? seconds * frequency : 0;
                var (bindingState, message) = state.Update(rule.Id, rule.Service, endpoints, affinity);
                if (bindingState == FrontendBindingState.Failed)
                {
                    Log.BindFailed(_context.Logger, rule.Id, key.ToString(), message ?? string.Empty);
                }

                results.Add(Binding(rule, frontend, bindingState, endpoints.Count, message));
            }
        }

        foreach (var (key, frontend) in _frontends.ToList())
        {
            if (!seen.Contains(key) || !local.Contains(key.Address))
            {
                frontend.Retire();
                _frontends.Remove(key);
                _retired.Add(frontend);
                Log.FrontendRemoved(_context.Logger, key.ToString());
            }
        }

        _retired.RemoveAll(f => f.Drained);
        Volatile.Write(ref _sweepList, [.. _frontends.Values]);
        Log.Applied(_context.Logger, snapshot.Generation, _frontends.Count);
        return results.ToImmutable();
    }

    private static FrontendBinding Binding(ServiceProxyRule rule, ServiceProxyFrontend frontend, FrontendBindingState state, int endpoints, string? message) => new()
    {
        RuleId = rule.Id,
        Service = rule.Service,
        Protocol = rule.Protocol,
        Address = frontend.Address,
        Port = frontend.Port,
        Kind = frontend.Kind,
        State = state,
        Endpoints = endpoints,
        Message = message,
    };

    private void Sweep()
    {
        var now = _context.Time.GetTimestamp();
        foreach (var frontend in Volatile.Read(ref _sweepList))
        {
            frontend.Sweep(now);
        }
    }

    internal static partial class Log
    {
        [LoggerMessage(EventId = 6000, EventName = "ServiceProxyApplied", Level = LogLevel.Debug, Message = "Service proxy: snapshot {Generation} applied, {Frontends} frontends")]
        public static partial void Applied(ILogger logger, long generation, int frontends);

        [LoggerMessage(EventId = 6001, EventName = "ServiceProxyBindFailed", Level = LogLevel.Warning, Message = "Service proxy: {RuleId}: cannot bind {Frontend}: {Reason}")]
        public static partial void BindFailed(ILogger logger, string ruleId, string frontend, string reason);

        [LoggerMessage(EventId = 6002, EventName = "ServiceProxyFrontendRemoved", Level = LogLevel.Information, Message = "Service proxy: {Frontend} removed; its connections drain")]
        public static partial void FrontendRemoved(ILogger logger, string frontend);

        [LoggerMessage(EventId = 6003, EventName = "ServiceProxyConnectFailed", Level = LogLevel.Debug, Message = "Service proxy: {RuleId}: endpoint {Endpoint} refused or timed out")]
        public static partial void ConnectFailed(ILogger logger, string ruleId, IPEndPoint endpoint);

        [LoggerMessage(EventId = 6004, EventName = "ServiceProxyAcceptFailed", Level = LogLevel.Warning, Message = "Service proxy: accept on {Frontend} failed: {Error}")]
        public static partial void AcceptFailed(ILogger logger, string frontend, System.Net.Sockets.SocketError error);
    }
}
