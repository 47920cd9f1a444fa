using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Cross-namespace backendRefs: allowed only by a ReferenceGrant in the Service's namespace, live on reload.</summary>
public sealed class GatewayServeReferenceGrantTests
{
    [Fact]
    public async Task Serve_CrossNamespaceBackendRefs_AllowedOnlyByMatchingReferenceGrant()
    {
        await using var echoes = await Echoes.StartAsync("granted", "named", "other");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "cross", """
            - matches: [{path: {value: /granted}}]
              backendRefs: [{name: granted, namespace: shared, port: 80}]
            - matches: [{path: {value: /named}}]
              backendRefs: [{name: named, namespace: single, port: 80}]
            - matches: [{path: {value: /not-named}}]
              backendRefs: [{name: other, namespace: single, port: 80}]
            - matches: [{path: {value: /wrong-from}}]
              backendRefs: [{name: other, namespace: elsewhere, port: 80}]
            """),
            // Every Service in "shared" for HTTPRoutes from "apps".
            """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: apps-routes, namespace: shared}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
              to: [{group: "", kind: Service}]
            """,
            // Only Service "named" in "single".
            """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: one-service, namespace: single}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
              to: [{group: "", kind: Service, name: named}]
            """,
            // Grants routes of another namespace, and Gateways of this one: neither covers apps' HTTPRoutes.
            """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: not-for-apps, namespace: elsewhere}
            spec:
              from:
              - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: team-b}
              - {group: gateway.networking.k8s.io, kind: Gateway, namespace: apps}
              to: [{group: "", kind: Service}]
            """,
            Backend("shared", "granted", 80, echoes["granted"]),
            Backend("single", "named", 80, echoes["named"]),
            Backend("single", "other", 80, echoes["other"]),
            Backend("elsewhere", "other", 80, echoes["other"]));
        var port = host.Port;

        Assert.Equal("granted", (await host.EchoAsync($"http://x.test:{port}/granted")).Backend);
        Assert.Equal("named", (await host.EchoAsync($"http://x.test:{port}/named")).Backend);
        Assert.Equal(HttpStatusCode.InternalServerError, await host.StatusCodeAsync($"http://x.test:{port}/not-named"));
        Assert.Equal(HttpStatusCode.InternalServerError, await host.StatusCodeAsync($"http://x.test:{port}/wrong-from"));
        Assert.Equal(0, echoes["other"].RequestCount);

        var parent = RouteParent((await host.StatusOfAsync("HTTPRoute", "apps", "cross"))!, "web");
        var message = AssertCondition(parent, "ResolvedRefs", "False", "RefNotPermitted");
        Assert.Contains("single/other", message, StringComparison.Ordinal);
        AssertCondition(parent, "Accepted", "True", "Accepted");
    }

    [Fact]
    public async Task Serve_ReferenceGrantAddedThenRemoved_TrafficFollowsOnReload()
    {
        await using var echoes = await Echoes.StartAsync("shared");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            HttpRoute("apps", "cross", """
            - backendRefs: [{name: shared, namespace: shared, port: 80}]
            """),
            Backend("shared", "shared", 80, echoes["shared"])), watch: true);

        Assert.Equal(HttpStatusCode.InternalServerError, await host.StatusCodeAsync($"http://x.test:{port}/"));

        await host.WriteAsync("grant.yaml", """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: apps-routes, namespace: shared}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
              to: [{group: "", kind: Service, name: shared}]
            """);
        await Poll.UntilAsync(async () => await host.StatusCodeAsync($"http://x.test:{port}/") == HttpStatusCode.OK, "grant applied");
        var parent = RouteParent((await host.StatusOfAsync("HTTPRoute", "apps", "cross"))!, "web");
        AssertCondition(parent, "ResolvedRefs", "True", "ResolvedRefs");

        File.Delete(Path.Combine(host.Directory, "grant.yaml"));
        await Poll.UntilAsync(async () => await host.StatusCodeAsync($"http://x.test:{port}/") == HttpStatusCode.InternalServerError, "grant revoked");
        parent = RouteParent((await host.StatusOfAsync("HTTPRoute", "apps", "cross"))!, "web");
        AssertCondition(parent, "ResolvedRefs", "False", "RefNotPermitted");
    }
}
