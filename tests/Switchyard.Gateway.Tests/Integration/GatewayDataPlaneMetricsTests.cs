using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneMetricsTests(EchoBackends echo)
{
    [Fact]
    public async Task RequestDuration_RequestsServed_RecordedByRouteAndStatus()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricCollector<double>(meterFactory, "Switchyard.Gateway", "switchyard.gateway.request.duration");
        await using var gateway = await GatewayHarness.StartAsync(
            new Snapshot
            {
                Listeners = [Listener(Host("any", null, Rule("r", Prefix("/known"), action: Forward(("a", 1)))))],
                Clusters = [Cluster("a", BackendProtocol.Http1, echo.A.EndPoint)],
            },
            meterFactory: meterFactory);

        (await gateway.GetAsync("http://example.com/known")).Dispose();
        (await gateway.GetAsync("http://example.com/unknown")).Dispose();

        Assert.True(await Eventually.TrueAsync(() => collector.GetMeasurementSnapshot().Count >= 2));
        var measurements = collector.GetMeasurementSnapshot();
        Assert.Contains(measurements, m => Equals(m.Tags["route"], "default/route") && Equals(m.Tags["code"], "2xx") && Equals(m.Tags["rule"], "0") && m.Value > 0);
        Assert.Contains(measurements, m => Equals(m.Tags["route"], "none") && Equals(m.Tags["code"], "4xx"));
    }
}
