using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Cli.Observability;

/// <summary>
/// Owns the <see cref="IMeterFactory"/> every Switchyard data plane of this server creates its meter with, aggregates
/// every <c>Switchyard.*</c> instrument with a <see cref="MeterListener"/>, and writes the Prometheus text format for
/// admin <c>/metrics</c>.
/// </summary>
/// <remarks>
/// Why our own exporter over System.Diagnostics.Metrics rather than prometheus-net or the OpenTelemetry exporter:
/// prometheus-net's MeterAdapter (8.2.1) sorts and copies the tags with LINQ on every measurement (allocations on the
/// request path), prefixes each name with the meter name and exports counters as gauges; the OpenTelemetry Prometheus
/// exporter for ASP.NET Core is still a beta and its MeterProvider listens to meters by name process-wide. This
/// exporter listens only to meters created by this server's factory (or meters created without a factory), finds a
/// series by comparing the tag span in place (no allocation once the series exists), and is about 200 lines.
/// Instrumentation stays the BCL API, so swapping the exporter later touches only this class.
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly Dictionary<Instrument, InstrumentSeries> _instruments = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _instrumentsLock = new();

    /// <param name="enabled">False leaves every instrument without a listener (nothing recorded, <c>/metrics</c> 404).</param>
    public PrometheusExporter(bool enabled = true)
    {
        Enabled = enabled;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        var factory = MeterFactory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!instrument.Meter.Name.StartsWith("Switchyard.", StringComparison.Ordinal)
                || (instrument.Meter.Scope is not null && !ReferenceEquals(instrument.Meter.Scope, factory)))
            {
                return;
            }

            var series = new InstrumentSeries(instrument);
            lock (_instrumentsLock)
            {
                _instruments[instrument] = series;
            }

            listener.EnableMeasurementEvents(instrument, series);
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_instrumentsLock)
            {
                _instruments.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        if (enabled)
        {
            _listener.Start();
        }
    }

    public bool Enabled { get; }

    public IMeterFactory MeterFactory { get; }

    /// <summary>Reads the observable instruments and writes every series in the text exposition format (0.0.4).</summary>
    public async Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        InstrumentSeries[] instruments;
        lock (_instrumentsLock)
        {
            instruments = [.. _instruments.Values];
        }

        foreach (var instrument in instruments)
        {
            instrument.BeginObservation();
        }

        _listener.RecordObservableInstruments();
        Array.Sort(instruments, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder(4096);
        foreach (var instrument in instruments)
        {
            instrument.WriteTo(text);
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>The series of one instrument, found by their tags. One lock per instrument; uncontended in practice.</summary>
    private sealed class InstrumentSeries
    {
        /// <summary>Buckets for durations in seconds: 0.5 ms … 30 s.</summary>
        private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

        private static readonly double[] DefaultBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

        private readonly Lock _lock = new();
        private readonly List<Series> _series = [];

        // Found by hashing the tag span in place: a label set per route, rule, Service and code class makes a linear
        // scan grow with the configuration. The last series hit is tried first (same label strings, by reference).
        private readonly Dictionary<SeriesKey, Series> _index = new(SeriesKeyComparer.Instance);
        private readonly Dictionary<SeriesKey, Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
        private Series? _last;
        private readonly bool _histogram;
        private readonly bool _observable;
        private readonly bool _cumulative;
        private readonly double[] _buckets;
        private readonly string _type;
        private readonly string _help;

        public InstrumentSeries(Instrument instrument)
        {
            _lookup = _index.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
            _histogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
            _observable = instrument.IsObservable;
            var counter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)
                || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
            _cumulative = !_observable;
            var name = instrument.Name.Replace('.', '_').Replace('-', '_');
            if (string.Equals(instrument.Unit, "s", StringComparison.Ordinal) && !name.EndsWith("_seconds", StringComparison.Ordinal))
            {
                name += "_seconds";
            }

            Name = counter ? name + "_total" : name;
            BaseName = name;
            _type = _histogram ? "histogram" : counter ? "counter" : "gauge";
            _buckets = string.Equals(instrument.Unit, "s", StringComparison.Ordinal) ? SecondsBuckets : DefaultBuckets;
            _help = (instrument.Description ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        }

        public string Name { get; }

        private string BaseName { get; }

        public void BeginObservation()
        {
            if (_observable)
            {
                lock (_lock)
                {
                    _series.Clear();
                    _index.Clear();
                    _last = null;
                }
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_lock)
            {
                var series = Find(tags) ?? Add(tags);
                if (_histogram)
                {
                    var buckets = _buckets;
                    var i = 0;
                    while (i < buckets.Length && value > buckets[i])
                    {
                        i++;
                    }

                    series.Counts![i]++;
                    series.Count++;
                    series.Value += value;
                }
                else if (_cumulative)
                {
                    series.Value += value;
                }
                else
                {
                    series.Value = value;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            lock (_lock)
            {
                if (_series.Count == 0)
                {
                    return;
                }

                var name = _histogram ? BaseName : Name;
                text.Append("# HELP ").Append(name).Append(' ').Append(_help).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(_type).Append('\n');
                var ordered = _series.ToArray();
                Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.Labels, b.Labels));
                foreach (var series in ordered)
                {
                    if (!_histogram)
                    {
                        Sample(text, name, series.Labels, null, series.Value);
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < _buckets.Length; i++)
                    {
                        cumulative += series.Counts![i];
                        Sample(text, name + "_bucket", series.Labels, _buckets[i].ToString(CultureInfo.InvariantCulture), cumulative);
                    }

                    Sample(text, name + "_bucket", series.Labels, "+Inf", series.Count);
                    Sample(text, name + "_sum", series.Labels, null, series.Value);
                    Sample(text, name + "_count", series.Labels, null, series.Count);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        private Series? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (_last is { } last && last.Matches(tags))
            {
                return last;
            }

            if (_lookup.TryGetValue(tags, out var series))
            {
                _last = series;
                return series;
            }

            return null;
        }

        private Series Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = new SeriesKey(tags.ToArray());
            var series = new Series(key.Tags, _histogram ? new long[_buckets.Length + 1] : null);
            _series.Add(series);
            _index.Add(key, series);
            _last = series;
            return series;
        }
    }

    /// <summary>The tags of a series as a dictionary key (same order as recorded).</summary>
    private sealed class SeriesKey(KeyValuePair<string, object?>[] tags)
    {
        public KeyValuePair<string, object?>[] Tags { get; } = tags;

        public int Hash { get; } = SeriesKeyComparer.HashOf(tags);
    }

    /// <summary>Compares tag arrays with tag spans, so a measurement finds its series without allocating.</summary>
    private sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, SeriesKey>
    {
        public static readonly SeriesKeyComparer Instance = new();

        public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var hash = default(HashCode);
            foreach (var (key, value) in tags)
            {
                hash.Add(key, StringComparer.Ordinal);
                hash.Add(value);
            }

            return hash.ToHashCode();
        }

        public static bool Same(ReadOnlySpan<KeyValuePair<string, object?>> a, ReadOnlySpan<KeyValuePair<string, object?>> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (!string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal) || !Equals(a[i].Value, b[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public bool Equals(SeriesKey? x, SeriesKey? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && Same(x.Tags, y.Tags));

        public int GetHashCode(SeriesKey obj) => obj.Hash;

        public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, SeriesKey other) => Same(alternate, other.Tags);

        public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => HashOf(alternate);

        public SeriesKey Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => new(alternate.ToArray());
    }

    /// <summary>One label set of one instrument.</summary>
    private sealed class Series(KeyValuePair<string, object?>[] tags, long[]? counts)
    {
        public string Labels { get; } = FormatLabels(tags);

        public long[]? Counts { get; } = counts;

        public long Count { get; set; }

        public double Value { get; set; }

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other) => SeriesKeyComparer.Same(tags, other);

        private static string FormatLabels(KeyValuePair<string, object?>[] tags)
        {
            var sorted = (KeyValuePair<string, object?>[])tags.Clone();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var text = new StringBuilder();
            foreach (var (key, value) in sorted)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                var label = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                text.Append(key.Replace('.', '_')).Append("=\"")
                    .Append(label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                    .Append('"');
            }

            return text.ToString();
        }
    }
}
