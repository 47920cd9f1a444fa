using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Switchyard.Cli.Observability;

namespace Switchyard.Cli.Tests.Observability;

public sealed class PrometheusExporterTests
{
    [Fact]
    public async Task ManyLabelSets_EachSeriesCountsOnlyItsOwnMeasurements()
    {
        using var exporter = new PrometheusExporter();
        using var meter = exporter.MeterFactory.Create("Switchyard.Test");
        var requests = meter.CreateCounter<long>("switchyard.test.requests");
        var duration = meter.CreateHistogram<double>("switchyard.test.duration", "s");
        const int Routes = 300;

        // Interleaved so that neither the last-hit shortcut nor insertion order can stand in for the lookup; a new
        // string with the same text must find the same series.
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < Routes; i++)
            {
                var route = new string(("ns/r" + i.ToString(CultureInfo.InvariantCulture)).AsSpan());
                var tags = new TagList { { "route", route }, { "code", i % 2 == 0 ? "2xx" : "5xx" } };
                for (var n = 0; n <= i % 3; n++)
                {
                    requests.Add(1, in tags);
                    duration.Record(0.002, in tags);
                }
            }
        }

        var text = await Scrape(exporter);
        for (var i = 0; i < Routes; i++)
        {
            var labels = $"code=\"{(i % 2 == 0 ? "2xx" : "5xx")}\",route=\"ns/r{i}\"";
            var expected = (3 * ((i % 3) + 1)).ToString(CultureInfo.InvariantCulture);
            Assert.Contains($"switchyard_test_requests_total{{{labels}}} {expected}\n", text, StringComparison.Ordinal);
            Assert.Contains($"switchyard_test_duration_seconds_count{{{labels}}} {expected}\n", text, StringComparison.Ordinal);
        }

        Assert.Equal(Routes, Regex.Matches(text, "^switchyard_test_requests_total\\{", RegexOptions.Multiline).Count);
    }

    [Fact]
    public async Task LabelSetsDifferingInOneValue_AreSeparateSeries()
    {
        using var exporter = new PrometheusExporter();
        using var meter = exporter.MeterFactory.Create("Switchyard.Test");
        var counter = meter.CreateCounter<long>("switchyard.test.order");
        counter.Add(2, new TagList { { "a", "1" }, { "b", "2" } });
        counter.Add(5, new TagList { { "a", "1" }, { "b", "3" } });
        counter.Add(1, new TagList { { "a", "1" }, { "b", "2" } });

        var text = await Scrape(exporter);
        Assert.Contains("switchyard_test_order_total{a=\"1\",b=\"2\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_test_order_total{a=\"1\",b=\"3\"} 5\n", text, StringComparison.Ordinal);
    }

    private static async Task<string> Scrape(PrometheusExporter exporter)
    {
        using var output = new MemoryStream();
        await exporter.WriteAsync(output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
