using System.Net;
using System.Security.Cryptography.X509Certificates;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// ListenerSets (GEP-1713) through <c>serve</c>: listeners of a ListenerSet the Gateway allows serve real requests on
/// the Gateway's address, HTTP and HTTPS (certificate chosen by SNI from the ListenerSet's namespace), with routes
/// attached to the ListenerSet; adding and removing a ListenerSet takes effect on reload.
/// </summary>
public sealed class GatewayServeListenerSetTests
{
    [Fact]
    public async Task Serve_ListenerSetHttpAndHttpsListeners_ServeRoutesAttachedToTheListenerSet()
    {
        await using var echoes = await Echoes.StartAsync("gw", "app");
        var address = Loopback.Next();
        var httpPort = Loopback.FreePort(address);
        var httpsPort = Loopback.FreePort(address);
        var secret = TlsSecret("team", "app-cert", out var certificate, "secure.app.test");
        using (certificate)
        {
            await using var host = await ServeHost.StartAsync(address, Join(
                GatewayClass(),
                Gateway(httpPort),
                ListenerSet(httpPort, httpsPort),
                secret,
                GatewayRoute(),
                ListenerSetRoute(),
                Backend("infra", "gw", 80, echoes["gw"]),
                Backend("team", "app", 80, echoes["app"])));

            // HTTP: the ListenerSet's listener shares the Gateway's port; each host is served by its own listener's routes.
            Assert.Equal("app", (await host.EchoAsync($"http://app.test:{httpPort}/app")).Backend);
            Assert.Equal("gw", (await host.EchoAsync($"http://gw.test:{httpPort}/gw")).Backend);

            // HTTPS: a real handshake with SNI secure.app.test gets the ListenerSet's certificate.
            using (var client = host.CreateClient())
            {
                var before = host.ServedCertificates.Count;
                var reply = await EchoReply.ReadAsync(await client.GetAsync($"https://secure.app.test:{httpsPort}/app"));
                Assert.Equal("app", reply.Backend);
                Assert.Equal("https", reply.Headers["x-forwarded-proto"]);
                Assert.Equal(certificate.Thumbprint, host.ServedCertificates[before].Thumbprint);
            }

            // A route attached to the Gateway does not reach ListenerSet listeners, nor the reverse.
            Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://app.test:{httpPort}/gw"));
            Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://gw.test:{httpPort}/app"));

            var set = (await host.StatusOfAsync("ListenerSet", "team", "app-listeners"))!;
            AssertCondition(set, "Accepted", "True", "Accepted");
            AssertCondition(set, "Programmed", "True", "Programmed");
            foreach (var name in new[] { "http", "https" })
            {
                AssertCondition(Listener(set, name), "Programmed", "True", "Programmed");
                AssertCondition(Listener(set, name), "ResolvedRefs", "True", "ResolvedRefs");
                Assert.Equal(1, Listener(set, name)["attachedRoutes"]!.GetValue<int>());
            }

            var gateway = (await host.StatusOfAsync("Gateway", "infra", "shared"))!;
            Assert.Equal(1, gateway["status"]!["attachedListenerSets"]!.GetValue<int>());
            Assert.Single(gateway["status"]!["listeners"]!.AsArray());
            AssertCondition(RouteParent((await host.StatusOfAsync("HTTPRoute", "team", "app"))!, "app-listeners"), "Accepted", "True", "Accepted");
        }
    }

    [Fact]
    public async Task Serve_ListenerSetAddedThenRemoved_ListenersOpenAndCloseGatewayKeepsServing()
    {
        await using var echoes = await Echoes.StartAsync("gw", "app");
        var address = Loopback.Next();
        var httpPort = Loopback.FreePort(address);
        var httpsPort = Loopback.FreePort(address);
        var secret = TlsSecret("team", "app-cert", out var certificate, "secure.app.test");
        certificate.Dispose();
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            Gateway(httpPort),
            secret,
            GatewayRoute(),
            ListenerSetRoute(),
            Backend("infra", "gw", 80, echoes["gw"]),
            Backend("team", "app", 80, echoes["app"])), watch: true);
        Assert.Equal("gw", (await host.EchoAsync($"http://gw.test:{httpPort}/gw")).Backend);
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://app.test:{httpPort}/app"));
        Assert.Null(await TryStatusAsync(host, $"https://secure.app.test:{httpsPort}/app"));
        // A parentRef to a ListenerSet that does not exist gets no entry (no controller owns it).
        Assert.Empty((await host.StatusOfAsync("HTTPRoute", "team", "app"))!["status"]?["parents"]?.AsArray() ?? []);

        await host.WriteAsync("listenerset.yaml", ListenerSet(httpPort, httpsPort));
        await Poll.UntilAsync(async () => await TryStatusAsync(host, $"https://secure.app.test:{httpsPort}/app") == HttpStatusCode.OK, "ListenerSet HTTPS listener opened; serve said:\n" + host.Console);
        Assert.Equal("app", (await host.EchoAsync($"http://app.test:{httpPort}/app")).Backend);
        Assert.Equal("gw", (await host.EchoAsync($"http://gw.test:{httpPort}/gw")).Backend);
        var gateway = (await host.StatusOfAsync("Gateway", "infra", "shared"))!;
        Assert.Equal(1, gateway["status"]!["attachedListenerSets"]!.GetValue<int>());

        File.Delete(Path.Combine(host.Directory, "listenerset.yaml"));
        await Poll.UntilAsync(async () => await TryStatusAsync(host, $"https://secure.app.test:{httpsPort}/app") is null, "ListenerSet HTTPS listener closed");
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://app.test:{httpPort}/app"));
        Assert.Equal("gw", (await host.EchoAsync($"http://gw.test:{httpPort}/gw")).Backend);
        gateway = (await host.StatusOfAsync("Gateway", "infra", "shared"))!;
        Assert.Equal(0, gateway["status"]!["attachedListenerSets"]!.GetValue<int>());
        Assert.Null(await host.StatusOfAsync("ListenerSet", "team", "app-listeners"));
    }

    private static string Gateway(int httpPort) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: shared, namespace: infra}
        spec:
          gatewayClassName: switchyard
          allowedListeners:
            namespaces: {from: All}
          listeners:
          - {name: http, protocol: HTTP, port: {{httpPort}}, hostname: gw.test}
        """;

    private static string ListenerSet(int httpPort, int httpsPort) => $$$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: ListenerSet
        metadata: {name: app-listeners, namespace: team}
        spec:
          parentRef: {name: shared, namespace: infra}
          listeners:
          - {name: http, protocol: HTTP, port: {{{httpPort}}}, hostname: app.test}
          - {name: https, protocol: HTTPS, port: {{{httpsPort}}}, hostname: secure.app.test, tls: {certificateRefs: [{name: app-cert}]}}
        """;

    private static string GatewayRoute() => """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: gw, namespace: infra}
        spec:
          parentRefs: [{name: shared}]
          rules:
          - matches: [{path: {type: PathPrefix, value: /gw}}]
            backendRefs: [{name: gw, port: 80}]
        """;

    private static string ListenerSetRoute() => """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: app, namespace: team}
        spec:
          parentRefs: [{group: gateway.networking.k8s.io, kind: ListenerSet, name: app-listeners}]
          rules:
          - matches: [{path: {type: PathPrefix, value: /app}}]
            backendRefs: [{name: app, port: 80}]
        """;

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
}
