using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Cli.Observability;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Benchmarks.Telemetry;

/// <summary>
/// The per-request observability work of the gateway, each part alone: the two metric recordings (request counter and
/// duration histogram, six labels, aggregated by the admin /metrics exporter), with one label set and with 1,000
/// (a configuration with many routes), and formatting one access-log line (done on the writer's thread, which shares
/// the proxy's cores). Targets: 0 B per operation; compare the ns with the proxy's CPU time per request (bench/README.md).
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private const int ManyRoutes = 1000;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private PrometheusExporter _exporter = null!;
    private Meter _meter = null!;
    private Counter<long> _requests = null!;
    private Histogram<double> _duration = null!;
    private string[] _routes = null!;
    private Utf8JsonWriter _json = null!;
    private AccessLogFormatter _formatter = null!;
    private AccessLogEntry _entry;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new PrometheusExporter();
        _meter = _exporter.MeterFactory.Create("Switchyard.Bench");
        _requests = _meter.CreateCounter<long>("switchyard.bench.requests");
        _duration = _meter.CreateHistogram<double>("switchyard.bench.request.duration", "s");
        _routes = [.. Enumerable.Range(0, ManyRoutes).Select(i => "ns/route-" + i.ToString(CultureInfo.InvariantCulture))];
        foreach (var route in _routes)
        {
            Record(route);
        }

        _json = new Utf8JsonWriter(_buffer);
        _formatter = new AccessLogFormatter();
        _entry = new AccessLogEntry
        {
            Time = DateTimeOffset.UtcNow,
            ClientAddress = IPAddress.Loopback,
            ClientPort = 40000,
            Method = "GET",
            Host = "bench.example.com",
            Path = "/app",
            Protocol = "HTTP/1.1",
            Status = 200,
            BytesOut = 3,
            Duration = TimeSpan.FromTicks(1234),
            UpstreamDuration = TimeSpan.FromTicks(987),
            Gateway = "default/bench",
            Listener = "http",
            Route = "default/bench",
            Rule = "0",
            Service = "default/upstream",
            Endpoint = "127.0.0.1:18081",
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _json.Dispose();
        _meter.Dispose();
        _exporter.Dispose();
    }

    [Benchmark]
    public void Metrics_OneLabelSet() => Record(_routes[0]);

    [Benchmark]
    public void Metrics_1000LabelSets()
    {
        // A different series than the last each time, as with requests spread over many routes.
        _next = _next == ManyRoutes - 1 ? 0 : _next + 1;
        Record(_routes[_next]);
    }

    [Benchmark]
    public int AccessLogLine()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _formatter.Format(_json, in _entry);
        _json.Flush();
        return _buffer.WrittenCount;
    }

    private void Record(string route)
    {
        var tags = new TagList
        {
            { "gateway", "default/bench" },
            { "listener", "http" },
            { "route", route },
            { "rule", "0" },
            { "service", "default/upstream" },
            { "code", "2xx" },
        };
        _requests.Add(1, in tags);
        _duration.Record(0.0012, in tags);
    }
}
