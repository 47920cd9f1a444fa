using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Switchyard.Cli.Observability;

/// <summary>
/// Owns the <see cref="IMeterFactory"/> that every Switchyard data plane of this server creates its meter with, and
/// publishes every <c>Switchyard.*</c> instrument in Prometheus text format for the admin <c>/metrics</c> endpoint.
/// </summary>
/// <remarks>
/// Why prometheus-net (8.2.1) and not the OpenTelemetry Prometheus exporter: it is a stable release (the
/// OpenTelemetry.Exporter.Prometheus.AspNetCore package is still a beta), its <see cref="MeterAdapter"/> publishes
/// System.Diagnostics.Metrics instruments as they are (so instrumentation stays the BCL API the style guide asks
/// for), and it writes into a private <see cref="CollectorRegistry"/> that we expose on our own admin app, with no
/// global state and no default process metrics. Only meters created by this factory (or created without one, e.g. a
/// data plane wired without the factory) and named <c>Switchyard.*</c> are exported, so in-process tests do not see
/// each other's series.
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>Request-latency buckets in seconds: 0.5 ms … 30 s.</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly ServiceProvider _services;
    private readonly CollectorRegistry _registry;
    private readonly IDisposable _adapter;

    public PrometheusExporter()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        _registry = Metrics.NewCustomRegistry();
        var factory = MeterFactory;
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = _registry,
            InstrumentFilterPredicate = instrument =>
                instrument.Meter.Name.StartsWith("Switchyard.", StringComparison.Ordinal)
                && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory)),
            ResolveHistogramBuckets = static instrument => string.Equals(instrument.Unit, "s", StringComparison.Ordinal)
                ? DurationBuckets
                : Histogram.ExponentialBuckets(1, 2, 16),

            // Series are dropped only after a day without updates: a quiet route's counters must not vanish from scrapes.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public IMeterFactory MeterFactory { get; }

    /// <summary>Collects (observable instruments are read now) and writes the text exposition format.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    public void Dispose()
    {
        _adapter.Dispose();
        _services.Dispose();
    }
}
