using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Hosting;
using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Tls;
using Switchyard.Gateway.TlsRouting;
using Switchyard.Ir;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway;

/// <summary>
/// The HTTP/HTTPS data plane: serves IR snapshots on Kestrel listeners and forwards through YARP; TLS listeners
/// (Gateway API protocol TLS) route raw connections by SNI (see <see cref="TlsListenerHost"/>).
/// <see cref="ApplyAsync"/> compiles a snapshot and swaps it in (requests in flight finish on the one they started
/// with); listeners are opened, closed (gracefully) or left untouched by their address:port.
/// </summary>
public sealed partial class GatewayDataPlane : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ILoggerFactory _componentLoggers;
    private readonly TimeProvider _time;
    private readonly GatewayDataPlaneOptions _options;
    private readonly WebApplication _services;
    private readonly RequestHandler _handler;
    private readonly GatewayMetrics _metrics;
    private readonly ClusterRegistry _clusters;
    private readonly CertificateCache _certificates = new();
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly Dictionary<string, ListenerHost> _hosts = new(StringComparer.Ordinal);
    private readonly List<Task> _draining = [];
    private readonly CancellationTokenSource _shutdown = new();
    private Snapshot? _snapshot;
    private bool _stopped;

    /// <param name="loggerFactory">Logs (event ids 1000–1099).</param>
    /// <param name="timeProvider">Clock for timeouts, ejection backoff and metrics.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    /// <param name="meterFactory">Creates the <c>Switchyard.Gateway</c> meter; null for a private meter.</param>
    /// <param name="accessLog">Receives one entry per request (never blocking); null for no access log.</param>
    public GatewayDataPlane(
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        GatewayDataPlaneOptions? options = null,
        IMeterFactory? meterFactory = null,
        Telemetry.AccessLogQueue? accessLog = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options ?? new GatewayDataPlaneOptions();
        var validation = new GatewayDataPlaneOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _logger = loggerFactory.CreateLogger<GatewayDataPlane>();
        _time = timeProvider;

        // Kestrel's HTTPS pieces and YARP's forwarder come from a private container; no host is ever started.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        if (_options.InlineScheduling)
        {
            builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(static o =>
            {
                o.UnsafePreferInlineScheduling = true;
                o.WaitForDataBeforeAllocatingBuffer = false;
            });
        }

        var componentLoggers = new QuietLoggerFactory(loggerFactory);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(componentLoggers);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddHttpForwarder();
        _services = builder.Build();
        _componentLoggers = componentLoggers;

        var forwarder = _services.Services.GetRequiredService<IHttpForwarder>();
        var requestLogger = loggerFactory.CreateLogger<RequestHandler>();
        _metrics = new GatewayMetrics(meterFactory);
        _handler = new RequestHandler(forwarder, new Forwarding.Http1.Http1Forwarder(_options.MaxResponseHeadersBytes), new MirrorSender(timeProvider, _options, requestLogger), timeProvider, _options, _metrics, requestLogger, accessLog);
        _clusters = new ClusterRegistry(_options, timeProvider);
        _tls = new TlsRoutingContext(_options, timeProvider, loggerFactory.CreateLogger<TlsListenerHost>(), _metrics);
    }

    /// <summary>The snapshot last applied, or null.</summary>
    public Snapshot? Current => Volatile.Read(ref _snapshot);

    /// <summary>
    /// Compiles <paramref name="snapshot"/>, swaps it in, then binds listeners that are new and closes those gone.
    /// Returns one result per IR listener, in snapshot order; a failed bind affects no other listener.
    /// </summary>
    public async Task<IReadOnlyList<ListenerBindResult>> ApplyAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _applyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var plan = Compile(snapshot);

            // Listeners that left, or whose protocol changed on the same binding, stop first.
            var rebinding = new List<Task>();
            foreach (var (key, host) in _hosts.ToList())
            {
                if (plan.Desired.TryGetValue(key, out var wanted) && wanted.Listener.Protocol == host.Protocol)
                {
                    continue;
                }

                _hosts.Remove(key);
                if (wanted is null && !plan.Tls.Desired.ContainsKey(key))
                {
                    _draining.Add(DrainAsync(host));
                }
                else
                {
                    rebinding.Add(DrainAsync(host));
                }
            }

            StopTlsHosts(plan, rebinding);

            // The swap: every listener kept sees the new snapshot from its next request or handshake on.
            foreach (var (key, compiled) in plan.Desired)
            {
                if (_hosts.TryGetValue(key, out var host))
                {
                    host.Current = compiled;
                }
            }

            SwapTlsHosts(plan);

            Volatile.Write(ref _snapshot, snapshot);
            await Task.WhenAll(rebinding).ConfigureAwait(false);
            _draining.RemoveAll(static task => task.IsCompleted);

            var listeners = snapshot.Listeners.IsDefault ? [] : snapshot.Listeners;
            var results = new List<ListenerBindResult>(listeners.Length);
            foreach (var listener in listeners)
            {
                results.Add(await BindAsync(listener, plan, cancellationToken).ConfigureAwait(false));
            }

            foreach (var listener in snapshot.TlsListeners.IsDefault ? [] : snapshot.TlsListeners)
            {
                results.Add(BindTls(listener, plan));
            }

            Log.SnapshotApplied(_logger, snapshot.Generation, results.Count, _hosts.Count + _tlsHosts.Count);
            return results;
        }
        finally
        {
            _applyLock.Release();
        }
    }

    /// <summary>Stops accepting on every listener and lets open requests finish for at most <paramref name="drain"/>.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        await _applyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _shutdown.CancelAfter(drain);
            var stopping = new List<Task>(_draining);
            foreach (var host in _hosts.Values)
            {
                stopping.Add(StopHostAsync(host, _shutdown.Token));
            }

            foreach (var host in _tlsHosts.Values)
            {
                stopping.Add(StopTlsHostAsync(host, _shutdown.Token));
            }

            _hosts.Clear();
            _tlsHosts.Clear();
            _draining.Clear();
            await Task.WhenAll(stopping).ConfigureAwait(false);
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _clusters.Dispose();
        await _services.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
        _shutdown.Dispose();
        _applyLock.Dispose();
    }

    private CompilePlan Compile(Snapshot snapshot)
    {
        var clusters = _clusters.Update(snapshot.Clusters);
        _certificates.BeginSnapshot();
        var desired = new Dictionary<string, CompiledListener>(StringComparer.Ordinal);
        var invalid = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<Listener, string>(ReferenceEqualityComparer.Instance);
        foreach (var listener in snapshot.Listeners.IsDefault ? [] : snapshot.Listeners)
        {
            if (!IPAddress.TryParse(listener.Address, out var address) || listener.Port is < 0 or > 65535)
            {
                invalid[listener.Id] = string.Concat("invalid listener address ", listener.Address, ":", listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            var key = new IPEndPoint(address, listener.Port).ToString();
            if (desired.ContainsKey(key))
            {
                invalid[listener.Id] = string.Concat("duplicate listener binding ", key);
                continue;
            }

            var problems = new List<string>();
            var routes = RouteTable.Build(listener, rule => CreateAction(rule, clusters, problems));
            problems.AddRange(routes.Problems);
            var certificates = listener.Protocol == ListenerProtocol.Https ? CertificateTable.Build(listener, _certificates, problems) : null;
            foreach (var problem in problems)
            {
                Log.CompileProblem(_logger, listener.Id, problem);
            }

            desired[key] = new CompiledListener(listener, snapshot.Generation, routes, certificates);
            keys[listener] = key;
        }

        var tls = CompileTls(snapshot, clusters);
        _certificates.EndSnapshot();
        return new CompilePlan(desired, keys, invalid, tls);
    }

    private static RuleAction CreateAction(RouteRule rule, Dictionary<string, CompiledCluster> clusters, List<string> problems)
    {
        var ruleProblems = new List<string>();
        var action = RuleAction.Create(rule, clusters, ruleProblems);
        foreach (var problem in ruleProblems)
        {
            problems.Add(string.Concat(rule.Id, ": ", problem));
        }

        return action;
    }

    private async Task<ListenerBindResult> BindAsync(Listener listener, CompilePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Invalid.TryGetValue(listener.Id, out var reason) || !plan.Keys.TryGetValue(listener, out var key))
        {
            reason ??= "listener not compiled";
            Log.BindFailed(_logger, listener.Id, listener.Address, listener.Port, reason);
            return new ListenerBindResult { ListenerId = listener.Id, Owners = listener.Owners, Success = false, Error = reason };
        }

        if (!_hosts.TryGetValue(key, out var host))
        {
            var compiled = plan.Desired[key];
            var endPoint = new IPEndPoint(IPAddress.Parse(listener.Address), listener.Port);
            host = new ListenerHost(endPoint, listener.Protocol, compiled, _services.Services, _componentLoggers, _handler, _options.TlsHandshakeTimeout);
            var error = await host.StartAsync(cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                Log.BindFailed(_logger, listener.Id, listener.Address, listener.Port, error);
                return new ListenerBindResult
                {
                    ListenerId = listener.Id,
                    Owners = listener.Owners,
                    Success = false,
                    Error = error,
                    AddressNotAssigned = !Hosting.HostAddresses.IsAssigned(endPoint.Address),
                };
            }

            _hosts[key] = host;
            Log.Bound(_logger, listener.Id, host.BoundEndPoint!.ToString(), listener.Protocol);
        }

        return new ListenerBindResult { ListenerId = listener.Id, Owners = listener.Owners, Success = true, EndPoint = host.BoundEndPoint };
    }

    private async Task DrainAsync(ListenerHost host)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        drain.CancelAfter(_options.DrainTimeout);
        await StopHostAsync(host, drain.Token).ConfigureAwait(false);
    }

    private async Task StopHostAsync(ListenerHost host, CancellationToken cancellationToken)
    {
        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        Log.Stopped(_logger, (host.BoundEndPoint ?? host.EndPoint).ToString());
    }

    private sealed record CompilePlan(
        Dictionary<string, CompiledListener> Desired,
        Dictionary<Listener, string> Keys,
        Dictionary<string, string> Invalid,
        TlsPlan Tls);
}
