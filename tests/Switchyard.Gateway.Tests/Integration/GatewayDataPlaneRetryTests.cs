using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>
/// Gateway API rule retries over real sockets, on both upstream clients: a Kestrel backend that fails the first N
/// requests of an id (a status, a dropped connection, a stall past backendRequest) and then answers 200.
/// </summary>
public sealed class GatewayDataPlaneRetryTests : IAsyncLifetime
{
    private RetryBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await RetryBackend.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Theory]
    [InlineData(UpstreamClient.Lean, 2, HttpStatusCode.OK, 3)]
    [InlineData(UpstreamClient.Yarp, 2, HttpStatusCode.OK, 3)]
    [InlineData(UpstreamClient.Lean, 5, HttpStatusCode.InternalServerError, 4)]
    [InlineData(UpstreamClient.Yarp, 5, HttpStatusCode.InternalServerError, 4)]
    public async Task ListedStatus_FailsNTimes_RetriedUpToAttempts(UpstreamClient client, int fail, HttpStatusCode expected, int backendAttempts)
    {
        await using var gateway = await StartAsync(client, new RetryPolicy { Codes = [500, 502], Attempts = 3 });
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail={fail}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(backendAttempts, _backend.Attempts(id));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected == HttpStatusCode.OK ? "ok 3" : "failed 4", body);
    }

    [Theory]
    [InlineData(UpstreamClient.Lean)]
    [InlineData(UpstreamClient.Yarp)]
    public async Task UnlistedStatus_NotRetried(UpstreamClient client)
    {
        await using var gateway = await StartAsync(client, new RetryPolicy { Codes = [500], Attempts = 3 });
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail=2&code=503");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("x-attempt").Single());
        Assert.Equal(1, _backend.Attempts(id));
    }

    [Fact]
    public async Task ConnectionDropped_RetriedAsConnectionError_CountedExactly()
    {
        await using var gateway = await StartAsync(UpstreamClient.Lean, new RetryPolicy { Attempts = 3 });
        var ok = Guid.NewGuid().ToString("N");
        var exhausted = Guid.NewGuid().ToString("N");

        // A first request leaves a pooled keep-alive connection: a drop on it must count as an attempt too.
        using (var warm = await gateway.GetAsync("http://example.com/x?id=warm"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using var recovered = await gateway.GetAsync($"http://example.com/x?id={ok}&fail=2&mode=reset");
        using var failed = await gateway.GetAsync($"http://example.com/x?id={exhausted}&fail=4&mode=reset");

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(3, _backend.Attempts(ok));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(4, _backend.Attempts(exhausted));
    }

    [Fact]
    public async Task ConnectionDropped_YarpClient_RetriedUntilSuccess()
    {
        await using var gateway = await StartAsync(UpstreamClient.Yarp, new RetryPolicy { Attempts = 3 });
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail=2&mode=reset");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_backend.Attempts(id) >= 3);
    }

    [Theory]
    [InlineData(UpstreamClient.Lean)]
    [InlineData(UpstreamClient.Yarp)]
    public async Task ConnectionRefused_RetryPicksTheOtherEndpoint(UpstreamClient client)
    {
        await using var dead = await DeadEndpoint.CreateAsync();
        var snapshot = Snapshot(
            new RouteAction { Backends = [new WeightedBackend { ClusterId = "c", Weight = 1 }], Retry = new RetryPolicy { Attempts = 1 } },
            dead.EndPoint,
            _backend.EndPoint);
        await using var gateway = await GatewayHarness.StartAsync(snapshot, new GatewayDataPlaneOptions { UpstreamClient = client });

        for (var i = 0; i < 10; i++)
        {
            using var response = await gateway.GetAsync($"http://example.com/x?id=refused-{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData(UpstreamClient.Lean, 2, HttpStatusCode.OK)]
    [InlineData(UpstreamClient.Yarp, 2, HttpStatusCode.OK)]
    [InlineData(UpstreamClient.Lean, 3, HttpStatusCode.GatewayTimeout)]
    [InlineData(UpstreamClient.Yarp, 3, HttpStatusCode.GatewayTimeout)]
    public async Task BackendRequestTimeout_EachAttemptBounded_Retried(UpstreamClient client, int fail, HttpStatusCode expected)
    {
        await using var gateway = await StartAsync(
            client, new RetryPolicy { Attempts = 2 }, backendRequestTimeout: TimeSpan.FromMilliseconds(300));
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail={fail}&mode=stall&delay=10000");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(3, _backend.Attempts(id));
    }

    [Theory]
    [InlineData(UpstreamClient.Lean)]
    [InlineData(UpstreamClient.Yarp)]
    public async Task RequestTimeout_BoundsAllAttempts_504(UpstreamClient client)
    {
        await using var gateway = await StartAsync(
            client, new RetryPolicy { Codes = [500], Attempts = 50, Backoff = TimeSpan.FromMilliseconds(50) }, requestTimeout: TimeSpan.FromMilliseconds(800));
        var id = Guid.NewGuid().ToString("N");

        // Warm first: a cold gateway and backend (JIT, first connection) can spend the whole 800 ms on attempt one
        // when the machine is loaded, and this test is about the attempts that fit, not about a cold start.
        using (var warm = await gateway.GetAsync($"http://example.com/x?id={Guid.NewGuid():N}"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var clock = Stopwatch.StartNew();

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail=1000&mode=stall&delay=100");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(780), clock.Elapsed.ToString());
        Assert.InRange(_backend.Attempts(id), 2, 50);
    }

    [Theory]
    [InlineData(UpstreamClient.Lean)]
    [InlineData(UpstreamClient.Yarp)]
    public async Task Backoff_WaitsAtLeastTheMinimumBetweenAttempts(UpstreamClient client)
    {
        await using var gateway = await StartAsync(client, new RetryPolicy { Codes = [500], Attempts = 2, Backoff = TimeSpan.FromMilliseconds(300) });
        var id = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // 300 ms before the first retry, at least that again before the second (the backoff doubles).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(880), clock.Elapsed.ToString());
        Assert.Equal(3, _backend.Attempts(id));
    }

    [Theory]
    [InlineData(UpstreamClient.Lean, false)]
    [InlineData(UpstreamClient.Yarp, false)]
    [InlineData(UpstreamClient.Lean, true)]
    [InlineData(UpstreamClient.Yarp, true)]
    public async Task SmallBody_Buffered_SentAgainWhole(UpstreamClient client, bool chunked)
    {
        await using var gateway = await StartAsync(client, new RetryPolicy { Codes = [500], Attempts = 2 });
        var id = Guid.NewGuid().ToString("N");
        var payload = new byte[10_000];
        Random.Shared.NextBytes(payload);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://example.com/x?id={id}&fail=1") { Content = Body(payload, chunked) };
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([10_000L, 10_000L], _backend.Bodies[id].ToArray());
    }

    [Theory]
    [InlineData(UpstreamClient.Lean, false)]
    [InlineData(UpstreamClient.Yarp, false)]
    [InlineData(UpstreamClient.Lean, true)]
    [InlineData(UpstreamClient.Yarp, true)]
    public async Task LargeBody_NotBuffered_SentOnceAndNotRetried(UpstreamClient client, bool chunked)
    {
        await using var gateway = await StartAsync(client, new RetryPolicy { Codes = [500], Attempts = 2 });
        var id = Guid.NewGuid().ToString("N");
        var payload = new byte[200_000];

        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://example.com/x?id={id}&fail=1") { Content = Body(payload, chunked) };
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, _backend.Attempts(id));
        Assert.Equal([200_000L], _backend.Bodies[id].ToArray());
    }

    [Fact]
    public async Task Retries_CountedByServiceAndReason()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricCollector<long>(meterFactory, "Switchyard.Gateway", "switchyard.gateway.upstream.retries");
        var action = new RouteAction { Backends = [new WeightedBackend { ClusterId = "c", Weight = 1 }], Retry = new RetryPolicy { Codes = [500], Attempts = 3 } };
        await using var gateway = await GatewayHarness.StartAsync(Snapshot(action, _backend.EndPoint), meterFactory: meterFactory);
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.All(measurements, m => Assert.True(Equals(m.Tags["service"], "c") && Equals(m.Tags["reason"], "status") && m.Value == 1));
    }

    [Fact]
    public async Task NoRetryPolicy_FailureGoesStraightToTheClient()
    {
        var snapshot = Snapshot(new RouteAction { Backends = [new WeightedBackend { ClusterId = "c", Weight = 1 }] }, _backend.EndPoint);
        await using var gateway = await GatewayHarness.StartAsync(snapshot);
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync($"http://example.com/x?id={id}&fail=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, _backend.Attempts(id));
    }

    private static HttpContent Body(byte[] payload, bool chunked)
    {
        if (!chunked)
        {
            return new ByteArrayContent(payload);
        }

        // A stream of unknown length goes out chunked.
        var content = new StreamContent(new NonSeekableStream(payload));
        content.Headers.ContentLength = null;
        return content;
    }

    private Task<GatewayHarness> StartAsync(UpstreamClient client, RetryPolicy retry, TimeSpan? requestTimeout = null, TimeSpan? backendRequestTimeout = null)
    {
        var action = new RouteAction
        {
            Backends = [new WeightedBackend { ClusterId = "c", Weight = 1 }],
            Retry = retry,
            RequestTimeout = requestTimeout,
            BackendRequestTimeout = backendRequestTimeout,
        };
        return GatewayHarness.StartAsync(Snapshot(action, _backend.EndPoint), new GatewayDataPlaneOptions { UpstreamClient = client });
    }

    private static Snapshot Snapshot(RouteAction action, params IPEndPoint[] endpoints) =>
        GatewayHarness.Snapshot([Cluster("c", BackendProtocol.Http1, endpoints)], Host("any", null, Rule("r", Prefix("/"), action: action)));

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
