using System.Net;
using Switchyard.Gateway.Echo;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Rule timeouts (<c>request</c>, <c>backendRequest</c>): a backend slower than either answers 504.</summary>
public sealed class GatewayServeTimeoutTests
{
    [Fact]
    public async Task Serve_RuleTimeouts_SlowBackendAnswers504FastOneServes()
    {
        await using var echoes = await Echoes.StartAsync("web");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "timeouts", """
            - matches: [{path: {value: /request}}]
              timeouts: {request: 1s}
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /backend}}]
              timeouts: {request: 1m, backendRequest: 1s}
              backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /disabled}}]
              timeouts: {request: 0s}
              backendRefs: [{name: web, port: 80}]
            """),
            Backend("apps", "web", 80, echoes["web"]));
        var port = host.Port;

        foreach (var path in new[] { "/request", "/backend" })
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, await host.StatusCodeAsync($"http://t.test:{port}{path}", (EchoServer.DelayHeader, "10000")));
            Assert.Equal(HttpStatusCode.OK, await host.StatusCodeAsync($"http://t.test:{port}{path}"));
        }

        // "0s" disables the timeout: a slow answer still arrives.
        Assert.Equal(HttpStatusCode.OK, await host.StatusCodeAsync($"http://t.test:{port}/disabled", (EchoServer.DelayHeader, "1500")));
    }
}
