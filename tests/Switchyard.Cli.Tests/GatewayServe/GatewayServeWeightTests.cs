using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Weighted backendRefs split traffic in proportion to their weights.</summary>
public sealed class GatewayServeWeightTests
{
    private const int Requests = 2000;

    [Fact]
    public async Task Serve_WeightedBackendRefs_SplitWithinFiveSigmaOfBinomial()
    {
        await using var echoes = await Echoes.StartAsync("heavy", "medium", "light", "never");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "split", """
            - backendRefs:
              - {name: heavy, port: 80, weight: 70}
              - {name: medium, port: 80, weight: 20}
              - {name: light, port: 80, weight: 10}
              - {name: never, port: 80, weight: 0}
            """),
            Backend("apps", "heavy", 80, echoes["heavy"]),
            Backend("apps", "medium", 80, echoes["medium"]),
            Backend("apps", "light", 80, echoes["light"]),
            Backend("apps", "never", 80, echoes["never"]));
        var port = host.Port;

        // Four clients in parallel, so that the choice is also exercised under concurrency.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < Requests / 4; i++)
            {
                var backend = (await host.EchoAsync($"http://split.test:{port}/")).Backend;
                lock (counts)
                {
                    counts[backend] = counts.GetValueOrDefault(backend) + 1;
                }
            }
        }));

        Assert.Equal(Requests, counts.Values.Sum());
        Assert.False(counts.ContainsKey("never"));
        foreach (var (backend, share) in new[] { ("heavy", 0.7), ("medium", 0.2), ("light", 0.1) })
        {
            // Each count is Binomial(n, p): mean n·p, σ = √(n·p·(1−p)); 5σ makes a false failure ~1 in 3.5 million.
            var mean = Requests * share;
            var sigma = Math.Sqrt(Requests * share * (1 - share));
            var count = counts.GetValueOrDefault(backend);
            Assert.True(Math.Abs(count - mean) <= 5 * sigma, $"{backend}: {count} of {Requests}, expected {mean} ± {5 * sigma:F0}");
        }
    }
}
