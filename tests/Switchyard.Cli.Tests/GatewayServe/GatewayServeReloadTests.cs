using System.Net;
using Switchyard.Gateway.Echo;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Hot reload from manifest edits: atomic swaps under continuous load, in-flight requests, listeners opening and closing.</summary>
public sealed class GatewayServeReloadTests
{
    private const int Clients = 4;

    [Fact]
    public async Task Serve_ManifestRewrittenUnderLoad_NoFailedRequestAndNewRouteTakesOver()
    {
        await using var echoes = await Echoes.StartAsync("v1", "v2", "v3");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var extraPort = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            Backend("apps", "v1", 80, echoes["v1"]),
            Backend("apps", "v2", 80, echoes["v2"]),
            Backend("apps", "v3", 80, echoes["v3"])), watch: true);
        await host.WriteAsync("route.yaml", Route("v1"));
        await Poll.UntilAsync(async () => await host.StatusCodeAsync($"http://web.test:{port}/") == HttpStatusCode.OK, "first route served");

        // A slow request in flight across the reloads finishes on the configuration it started with.
        var slow = host.EchoAsync($"http://web.test:{port}/slow", (EchoServer.DelayHeader, "1500"));
        await Poll.UntilAsync(() => echoes["v1"].Received.Any(r => r.Path == "/slow"), "slow request reached v1");

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var sequences = Enumerable.Range(0, Clients).Select(_ => new List<string>()).ToArray();
        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await host.GetAsync($"http://web.test:{port}/load/{c}");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lock (failures)
                        {
                            failures.Add((int)response.StatusCode + ": " + body);
                        }

                        continue;
                    }

                    var backend = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("backend").GetString()!;
                    lock (sequences[c])
                    {
                        sequences[c].Add(backend);
                    }
                }
                catch (HttpRequestException ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex.Message);
                    }
                }
            }
        })).ToArray();

        async Task WaitForEveryClient(string backend)
        {
            var marks = new int[Clients];
            for (var c = 0; c < Clients; c++)
            {
                marks[c] = Count(c);
            }

            // Every client sees the new backend and then 20 more answers, so the load really runs across the swap.
            await Poll.UntilAsync(
                () => Enumerable.Range(0, Clients).All(c => Count(c) > marks[c] + 20 && Last(c) == backend),
                "every client served by " + backend + "; failures so far: " + failures.Count);
        }

        int Count(int c)
        {
            lock (sequences[c])
            {
                return sequences[c].Count;
            }
        }

        string? Last(int c)
        {
            lock (sequences[c])
            {
                return sequences[c].LastOrDefault();
            }
        }

        await Poll.UntilAsync(() => Enumerable.Range(0, Clients).All(c => Count(c) > 20), "load running");
        await host.WriteAsync("route.yaml", Route("v2"));
        await WaitForEveryClient("v2");

        // Opening and closing another listener does not disturb this one.
        await host.WriteAsync("extra.yaml", HttpGateway("apps", "extra", address, extraPort));
        await Poll.UntilAsync(async () => await TryStatusAsync(host, $"http://web.test:{extraPort}/") == HttpStatusCode.NotFound, "extra listener open");
        File.Delete(Path.Combine(host.Directory, "extra.yaml"));
        await Poll.UntilAsync(async () => await TryStatusAsync(host, $"http://web.test:{extraPort}/") is null, "extra listener closed");

        await host.WriteAsync("route.yaml", Route("v3"));
        await WaitForEveryClient("v3");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        foreach (var sequence in sequences)
        {
            // Atomic swap: each client moves v1 → v2 → v3 and never back.
            var order = new[] { "v1", "v2", "v3" };
            var ranks = sequence.Select(b => Array.IndexOf(order, b)).ToList();
            Assert.DoesNotContain(-1, ranks);
            Assert.True(ranks.Zip(ranks.Skip(1)).All(p => p.First <= p.Second), string.Join(",", sequence));
            Assert.Equal("v3", sequence[^1]);
        }

        var slowReply = await slow;
        Assert.Equal("v1", slowReply.Backend);
    }

    private static async Task<HttpStatusCode?> TryStatusAsync(ServeHost host, string url)
    {
        try
        {
            using var client = host.CreateClient();
            using var response = await client.GetAsync(url);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static string Route(string backend) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: apps}
        spec:
          parentRefs: [{name: web}]
          hostnames: [web.test]
          rules:
          - backendRefs: [{name: {{backend}}, port: 80}]
        """;
}
