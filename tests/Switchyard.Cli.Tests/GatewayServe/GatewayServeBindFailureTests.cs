using System.Net;
using System.Net.Sockets;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>A listener port that cannot be bound: reported in status, everything else keeps serving, bound once free.</summary>
public sealed class GatewayServeBindFailureTests
{
    [Fact]
    public async Task Serve_PortTaken_ListenerNotProgrammedOthersServeThenBindsWhenFree()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var address = Loopback.Next();
        var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blocker.Bind(new IPEndPoint(address, 0));
        blocker.Listen();
        var taken = ((IPEndPoint)blocker.LocalEndPoint!).Port;
        var free = Loopback.FreePort(address);
        string Manifest(string label) => Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: web
              namespace: apps
              labels: {edit: "{{label}}"}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: free, protocol: HTTP, port: {{free}}}
              - {name: taken, protocol: HTTP, port: {{taken}}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: only-taken, namespace: apps}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: http, protocol: HTTP, port: {{taken}}, hostname: only.test}
            """,
            HttpRoute("apps", "web", """
            - backendRefs: [{name: web, port: 80}]
            """),
            Backend("apps", "web", 80, echoes["web"]));

        ServeHost? host = null;
        try
        {
            host = await ServeHost.StartAsync(address, Manifest("1"), watch: true);
            Assert.Equal("web", (await host.EchoAsync($"http://a.test:{free}/")).Backend);

            var gateway = (await host.StatusOfAsync("Gateway", "apps", "web"))!;
            var message = AssertCondition(Listener(gateway, "taken"), "Programmed", "False", "Pending");
            Assert.Contains("address already in use", message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(taken.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
            AssertCondition(Listener(gateway, "taken"), "Accepted", "False", "PortUnavailable");
            AssertCondition(Listener(gateway, "free"), "Programmed", "True", "Programmed");
            AssertCondition(gateway, "Programmed", "True", "Programmed");

            // A Gateway none of whose listeners is bound is not programmed itself.
            var onlyTaken = (await host.StatusOfAsync("Gateway", "apps", "only-taken"))!;
            AssertCondition(onlyTaken, "Programmed", "False", "AddressNotUsable");
            AssertCondition(Listener(onlyTaken, "http"), "Accepted", "False", "PortUnavailable");
            Assert.Contains("NOT bound", host.Console.ToString(), StringComparison.Ordinal);

            // Not every listener is up, so the process does not report ready.
            using var admin = new HttpClient();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.GetAsync($"http://{host.Server.AdminEndpoint}/readyz")).StatusCode);

            // Once the port is free, the next reload binds it.
            blocker.Dispose();
            await host.WriteAsync("manifests.yaml", Manifest("2"));
            await Poll.UntilAsync(async () => (await TryEchoAsync(host, $"http://a.test:{taken}/")) == "web", "taken port bound after reload");
            gateway = (await host.StatusOfAsync("Gateway", "apps", "web"))!;
            AssertCondition(Listener(gateway, "taken"), "Programmed", "True", "Programmed");
            AssertCondition(Listener(gateway, "taken"), "Accepted", "True", "Accepted");
            AssertCondition((await host.StatusOfAsync("Gateway", "apps", "only-taken"))!, "Programmed", "True", "Programmed");
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"http://{host.Server.AdminEndpoint}/readyz")).StatusCode);
        }
        finally
        {
            blocker.Dispose();
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<string?> TryEchoAsync(ServeHost host, string url)
    {
        try
        {
            return (await host.EchoAsync(url)).Backend;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
