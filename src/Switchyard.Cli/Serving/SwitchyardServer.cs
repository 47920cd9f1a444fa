using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Switchyard.Cli.Admin;
using Switchyard.Dns;
using Switchyard.Cli.Observability;
using Switchyard.Gateway;
using Switchyard.Probing;
using Switchyard.ServiceProxy;
using Switchyard.Translation;
using Switchyard.Translation.GatewayApi;

namespace Switchyard.Cli.Serving;

/// <summary>
/// <c>switchyard serve</c>: loads the manifests, serves the admin API and the data planes, reloads on file changes
/// (one reload at a time, debounced), and shuts down gracefully.
/// </summary>
internal sealed partial class SwitchyardServer : IAsyncDisposable
{
    private readonly ServeOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TextWriter _console;
    private readonly TimeProvider _time;
    private readonly GatewayDataPlane _gateway;
    private readonly DnsServer? _dns;
    private readonly ServiceProxyDataPlane? _serviceProxy;
    private readonly ReadinessProber? _prober;
    // What the next turn of the serve loop does: a file reload when the watcher asked (it includes current readiness),
    // else only the queued readiness flips, written to the store without reading the files.
    private readonly System.Collections.Concurrent.ConcurrentQueue<Switchyard.Probing.PodReadinessChange> _readinessChanges = new();
    private int _fileReloadPending;
    private readonly Channel<bool> _reloads = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private AdminServer? _admin;
    private ManifestWatcher? _watcher;
    private volatile bool _ready;
    private volatile bool _shuttingDown;

    public SwitchyardServer(ServeOptions options, ILoggerFactory loggerFactory, TimeProvider time, TextWriter console)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Switchyard.Serve");
        _console = console;
        _time = time;
        Telemetry = new ServeTelemetry(options.AccessLog, loggerFactory, time, options.Metrics);
        if (options.Probe)
        {
            _prober = new ReadinessProber(new ReadinessProberOptions(), time, loggerFactory.CreateLogger<ReadinessProber>());
            _prober.ReadinessChanged += change =>
            {
                _readinessChanges.Enqueue(change);
                _reloads.Writer.TryWrite(true);
            };
        }

        Pipeline = new ConfigPipeline(options.Files, options.Translator, time, allocation: options.Allocation, prober: _prober);
        _gateway = new GatewayDataPlane(
            loggerFactory, time, new GatewayDataPlaneOptions
            {
                DrainTimeout = options.DrainTimeout,
                UpstreamClient = options.UpstreamClient,
                InlineScheduling = options.InlineIo,
                TlsIdleTimeout = options.TlsIdleTimeout,
                MaxTlsConnections = options.MaxTlsConnections,
            }, Telemetry.Exporter.MeterFactory, Telemetry.AccessLog?.Queue);
        if (options.Dns is not null)
        {
            _dns = new DnsServer(new DnsServerOptions { Upstream = options.DnsUpstream }, loggerFactory, Telemetry.Exporter.MeterFactory, time);
        }

        if (options.ServiceProxy)
        {
            _serviceProxy = new ServiceProxyDataPlane(new ServiceProxyOptions(), time, loggerFactory.CreateLogger<ServiceProxyDataPlane>(), Telemetry.Exporter.MeterFactory);
        }
    }

    /// <summary>Metrics (admin /metrics), configuration metrics and the access log.</summary>
    public ServeTelemetry Telemetry { get; }

    public ConfigPipeline Pipeline { get; }

    /// <summary>True once the initial configuration is applied and every listener bound, until shutdown starts.</summary>
    public bool IsReady => _ready && !_shuttingDown;

    public bool IsShuttingDown => _shuttingDown;

    public System.Net.IPEndPoint? AdminEndpoint => _admin?.Endpoint;

    /// <summary>The last bind outcome of every HTTP listener (real ports when 0 was asked for).</summary>
    public IReadOnlyList<ListenerBindResult> Listeners { get; private set; } = [];

    /// <summary>The cluster DNS endpoint actually bound, or null when DNS is off.</summary>
    public System.Net.IPEndPoint? DnsEndpoint => _dns?.LocalEndPoint;

    /// <summary>The L4 proxy's frontends and whether each is bound.</summary>
    public IReadOnlyList<FrontendBinding> ServiceProxyFrontends { get; private set; } = [];

    /// <summary>Completes after the initial load, with the admin API up.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var outcome = Pipeline.Reload();
        ReportLoad(outcome, initial: true);
        _admin = await AdminServer.StartAsync(_options.Admin, this, _loggerFactory, ct);
        _console.WriteLine($"admin API on http://{_admin.Endpoint} (healthz, readyz, status, config, metrics)");
        _console.WriteLine($"access log: {_options.AccessLog}");
        if (_dns is not null)
        {
            if (outcome.Published is not null)
            {
                _dns.ApplySnapshot(outcome.Published.Snapshot);
            }

            await _dns.StartAsync(_options.Dns!, ct);
            _console.WriteLine($"cluster DNS on {_dns.LocalEndPoint} (udp+tcp), zone {_options.Translator.ClusterDomain}, upstream {(_options.DnsUpstream?.ToString() ?? "none")}");
        }
        if (outcome.Published is not null)
        {
            _ready = await ApplyAsync(outcome.Published, ct, announce: true);
        }
        if (_options.Watch)
        {
            _watcher = new ManifestWatcher(_options.Files, _options.Debounce, () =>
            {
                Volatile.Write(ref _fileReloadPending, 1);
                _reloads.Writer.TryWrite(true);
            });
        }
    }

    /// <summary>Serves until <paramref name="stop"/> is cancelled, then drains.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (await _reloads.Reader.WaitToReadAsync(stop))
            {
                _reloads.Reader.TryRead(out _);
                var changes = new List<Switchyard.Probing.PodReadinessChange>();
                while (_readinessChanges.TryDequeue(out var change))
                {
                    changes.Add(change);
                }

                var outcome = Interlocked.Exchange(ref _fileReloadPending, 0) == 1 ? Pipeline.Reload() : Pipeline.ApplyReadiness(changes);
                ReportLoad(outcome, initial: false);
                if (outcome.Published is not null)
                {
                    var allBound = await ApplyAsync(outcome.Published, stop, announce: false);
                    _ready = _ready || allBound;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await ShutdownAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _gateway.DisposeAsync();
        if (_dns is not null)
        {
            await _dns.DisposeAsync();
        }

        if (_serviceProxy is not null)
        {
            await _serviceProxy.DisposeAsync();
        }

        if (_prober is not null)
        {
            await _prober.DisposeAsync();
        }
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
            _admin = null;
        }

        await Telemetry.DisposeAsync();
    }

    private async Task ShutdownAsync()
    {
        // Readiness goes first so that a load balancer stops sending before listeners close.
        _shuttingDown = true;
        Log.ShuttingDown(_logger, _options.DrainTimeout);
        _watcher?.Dispose();
        _watcher = null;
        await _gateway.StopAsync(_options.DrainTimeout);
        if (_dns is not null)
        {
            await _dns.StopAsync();
        }
    }

    /// <summary>Hands a published translation to the data planes; bind failures become listener status. True when all bound.</summary>
    private async Task<bool> ApplyAsync(TranslationResult published, CancellationToken ct, bool announce)
    {
        // DNS first: a name that resolves before its listener is up is harmless, the reverse is a failed lookup.
        if (_dns is not null && _dns.LocalEndPoint is not null)
        {
            _dns.ApplySnapshot(published.Snapshot);
        }

        var allBound = true;
        if (_serviceProxy is not null)
        {
            ServiceProxyFrontends = await _serviceProxy.ApplyAsync(published.Snapshot, ct);
            foreach (var frontend in ServiceProxyFrontends)
            {
                if (frontend.State == FrontendBindingState.Failed)
                {
                    allBound = false;
                    _console.WriteLine($"service proxy {frontend}");
                }
                else if (announce)
                {
                    _console.WriteLine($"service proxy {frontend}");
                }
            }
        }

        var results = await _gateway.ApplyAsync(published.Snapshot, ct);
        Listeners = results;
        var failures = results.Where(r => !r.Success).Select(r => (r.ListenerId, r.Error ?? "bind failed")).ToList();
        if (failures.Count > 0)
        {
            Pipeline.OverlayStatus(result => Switchyard.Translation.Ingress.IngressStatusOverlay.WithBindFailures(
                GatewayStatusOverlay.WithBindFailures(
                    result, failures, _time.GetUtcNow().UtcDateTime, results.Where(r => r.AddressNotAssigned).Select(r => r.ListenerId).ToHashSet(StringComparer.Ordinal)),
                failures));
        }

        foreach (var result in results)
        {
            if (!result.Success)
            {
                Log.BindFailed(_logger, result.ListenerId, string.Join(", ", result.Owners), result.Error ?? string.Empty);
                _console.WriteLine($"listener {result.ListenerId} ({string.Join(", ", result.Owners)}): NOT bound: {result.Error}");
            }
            else if (announce)
            {
                _console.WriteLine($"listener {result.ListenerId} ({string.Join(", ", result.Owners)}) on {result.EndPoint}");
            }
        }

        return allBound && failures.Count == 0;
    }

    private void ReportLoad(ReloadOutcome outcome, bool initial)
    {
        foreach (var warning in outcome.Load.Warnings)
        {
            Log.LoadWarning(_logger, warning.ToString());
        }

        foreach (var error in outcome.Load.Errors)
        {
            Log.ObjectRefused(_logger, error.ToString());
        }

        if (outcome.Published is not null)
        {
            foreach (var warning in outcome.Published.Warnings)
            {
                Log.TranslationWarning(_logger, warning.ToString());
            }
        }

        foreach (var problem in outcome.SnapshotProblems)
        {
            Log.SnapshotRejected(_logger, problem);
        }

        Telemetry.OnLoad(outcome, Pipeline, initial);
        var generation = Pipeline.Current.Snapshot.Generation;
        if (initial)
        {
            _console.WriteLine($"loaded {outcome.Load.Objects.Count} objects from {outcome.Load.Files.Count} files ({outcome.Load.Errors.Count} refused), generation {generation}");
            foreach (var error in outcome.Load.Errors)
            {
                _console.WriteLine($"  refused: {error}");
            }
        }
        else if (outcome.Change.Any || outcome.Load.Errors.Count > 0)
        {
            var result = outcome.Rejected ? "rejected (keeping last good configuration)" : outcome.Published is null ? "no change" : "applied";
            _console.WriteLine($"reload: {result}: {outcome.Change}; {outcome.Load.Errors.Count} refused; generation {generation}");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, EventName = "ObjectRefused", Level = LogLevel.Error, Message = "refused: {Error}")]
        public static partial void ObjectRefused(ILogger logger, string error);

        [LoggerMessage(EventId = 8002, EventName = "LoadWarning", Level = LogLevel.Warning, Message = "{Warning}")]
        public static partial void LoadWarning(ILogger logger, string warning);

        [LoggerMessage(EventId = 8003, EventName = "SnapshotRejected", Level = LogLevel.Error, Message = "snapshot rejected, keeping the last good configuration: {Problem}")]
        public static partial void SnapshotRejected(ILogger logger, string problem);

        [LoggerMessage(EventId = 8006, EventName = "TranslationWarning", Level = LogLevel.Warning, Message = "{Warning}")]
        public static partial void TranslationWarning(ILogger logger, string warning);

        [LoggerMessage(EventId = 8005, EventName = "BindFailed", Level = LogLevel.Error, Message = "listener {Listener} ({Owners}) could not be bound: {Error}")]
        public static partial void BindFailed(ILogger logger, string listener, string owners, string error);

        [LoggerMessage(EventId = 8004, EventName = "ShuttingDown", Level = LogLevel.Information, Message = "shutting down, draining for up to {Drain}")]
        public static partial void ShuttingDown(ILogger logger, TimeSpan drain);
    }
}
