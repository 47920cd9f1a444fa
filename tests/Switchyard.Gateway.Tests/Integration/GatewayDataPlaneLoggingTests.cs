using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneLoggingTests(EchoBackends echo)
{
    [Fact]
    public async Task Logging_RequestsForwarded_OnlyDataPlaneEventsNoPerRequestChatter()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Information).AddProvider(new FakeLoggerProvider(collector)));
        await using var gateway = await GatewayHarness.StartAsync(
            new Snapshot
            {
                Generation = 7,
                Listeners = [Listener(Host("any", null, Rule("r", action: Forward(("a", 1)))))],
                Clusters = [Cluster("a", BackendProtocol.Http1, echo.A.EndPoint)],
            },
            loggerFactory: loggerFactory);

        for (var i = 0; i < 3; i++)
        {
            (await gateway.GetAsync("http://example.com/logged")).Dispose();
        }

        var records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Name == "ListenerBound");
        Assert.Contains(records, r => r.Id.Name == "SnapshotApplied" && r.Message.Contains("generation 7", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Category?.StartsWith("Yarp.", StringComparison.Ordinal) == true && r.Level < LogLevel.Warning);
        Assert.DoesNotContain(records, r => r.Category?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true && r.Level < LogLevel.Warning);
    }
}
