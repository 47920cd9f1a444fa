using Microsoft.Extensions.Logging;
using Switchyard.Cli.Serving;

namespace Switchyard.Cli.Observability;

/// <summary>
/// The observability of one <c>serve</c> run: the meter factory and Prometheus exporter behind admin <c>/metrics</c>,
/// the configuration metrics, the access-log writer, and the one log line per load outcome.
/// </summary>
internal sealed partial class ServeTelemetry : IAsyncDisposable
{
    private readonly ILogger _logger;

    public ServeTelemetry(string? accessLog, ILoggerFactory loggerFactory, TimeProvider time, bool metrics = true)
    {
        _logger = loggerFactory.CreateLogger("Switchyard.Serve");
        Exporter = new PrometheusExporter(metrics);
        Config = new ConfigMetrics(Exporter.MeterFactory, time);
        AccessLog = AccessLogWriter.Open(accessLog);
    }

    public PrometheusExporter Exporter { get; }

    public ConfigMetrics Config { get; }

    /// <summary>Null when the access log is off.</summary>
    public AccessLogWriter? AccessLog { get; }

    /// <summary>Counts and logs one load (initial or reload) once; returns its result: applied, unchanged or rejected.</summary>
    public string OnLoad(ReloadOutcome outcome, ConfigPipeline pipeline, bool initial)
    {
        var result = outcome.Rejected ? "rejected" : outcome.Published is null ? "unchanged" : "applied";
        var generation = pipeline.Current.Snapshot.Generation;
        var refused = outcome.Load.Errors.Count;
        Config.OnReload(result, generation, refused, pipeline.CurrentStore);
        switch (result)
        {
            case "rejected":
                Log.LoadRejected(_logger, initial ? "initial load" : "reload", generation, outcome.SnapshotProblems.Count, refused);
                break;
            case "applied":
                Log.LoadApplied(_logger, initial ? "initial load" : "reload", generation, outcome.Load.Objects.Count, outcome.Load.Files.Count, refused);
                break;
            default:
                Log.LoadUnchanged(_logger, generation, refused);
                break;
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (AccessLog is not null)
        {
            await AccessLog.DisposeAsync();
        }

        Exporter.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8010, EventName = "LoadApplied", Level = LogLevel.Information,
            Message = "{Load}: generation {Generation} applied ({Objects} objects from {Files} files, {Refused} refused)")]
        public static partial void LoadApplied(ILogger logger, string load, long generation, int objects, int files, int refused);

        [LoggerMessage(EventId = 8011, EventName = "LoadRejected", Level = LogLevel.Warning,
            Message = "{Load}: snapshot rejected ({Problems} problems, {Refused} objects refused); still serving generation {Generation}")]
        public static partial void LoadRejected(ILogger logger, string load, long generation, int problems, int refused);

        [LoggerMessage(EventId = 8012, EventName = "LoadUnchanged", Level = LogLevel.Debug,
            Message = "reload: no change; generation {Generation}, {Refused} refused")]
        public static partial void LoadUnchanged(ILogger logger, long generation, int refused);
    }
}
