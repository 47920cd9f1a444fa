using System.Net;
using Switchyard.Gateway.Echo;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>
/// Requests in flight per endpoint drive power-of-two-choices: every exchange that ends, however it ends, must give
/// its count back, or the endpoint that served more failures is never picked again. An odd number of failures
/// cannot split evenly over two endpoints, so any leak shows as one endpoint getting all sequential traffic.
/// </summary>
[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneInFlightTests(EchoBackends echo)
{
    [Theory]
    [InlineData(BackendProtocol.Http1)]
    [InlineData(BackendProtocol.H2C)]
    public async Task InFlight_AfterTimeoutsAndClientAborts_TrafficStillSplitsAcrossEndpoints(BackendProtocol protocol)
    {
        // Http1 takes the lean client, H2C YARP's: both must settle their endpoint counts.
        await using var gateway = await GatewayHarness.StartAsync(GatewayHarness.Snapshot(
            [Cluster("ab", protocol, echo.A.EndPoint, echo.B.EndPoint)],
            Host(
                "any",
                null,
                Rule("slow", Prefix("/slow"), action: Forward(("ab", 1)) with { RequestTimeout = TimeSpan.FromMilliseconds(200) }),
                Rule("fast", Prefix("/"), action: Forward(("ab", 1))))));

        var timedOut = await Task.WhenAll(Enumerable.Range(0, 21).Select(async _ =>
        {
            using var response = await gateway.GetAsync("http://example.com/slow", (EchoServer.DelayHeader, "5000"));
            return response.StatusCode;
        }));
        Assert.All(timedOut, status => Assert.Equal(HttpStatusCode.GatewayTimeout, status));
        Assert.True(await Eventually.TrueAsync(() => SplitsAsync(gateway)), "sequential traffic went to one endpoint after 21 timeouts");

        await Task.WhenAll(Enumerable.Range(0, 11).Select(async _ =>
        {
            using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://example.com/other");
            request.Headers.TryAddWithoutValidation(EchoServer.DelayHeader, "5000");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.Client.SendAsync(request, abort.Token));
        }));
        Assert.True(await Eventually.TrueAsync(() => SplitsAsync(gateway)), "sequential traffic went to one endpoint after 11 client aborts");
    }

    /// <summary>One request at a time, so only leaked counts (not these requests) can tilt the choice.</summary>
    private static async Task<bool> SplitsAsync(GatewayHarness gateway)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 60; i++)
        {
            var reply = await gateway.EchoAsync("http://example.com/fast");
            counts[reply.Backend] = counts.GetValueOrDefault(reply.Backend) + 1;
        }

        return counts.Count == 2 && counts.Values.All(count => count >= 10);
    }
}
