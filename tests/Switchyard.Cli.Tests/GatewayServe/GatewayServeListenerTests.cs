using System.Net;
using System.Net.Sockets;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Gateway listeners from manifests: merging on one socket, conflicts, classes of other controllers, addresses.</summary>
public sealed class GatewayServeListenerTests
{
    [Fact]
    public async Task Serve_TwoGatewaysOnOnePort_MergeByListenerHostname()
    {
        await using var echoes = await Echoes.StartAsync("exact", "wildcard");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("one", "exact", address, port, "a.example.com"),
            HttpGateway("two", "wildcard", address, port, "*.example.com"),
            Route("one", "exact", "exact"),
            Route("two", "wildcard", "wildcard"),
            Backend("one", "exact", 80, echoes["exact"]),
            Backend("two", "wildcard", 80, echoes["wildcard"])));

        // The exact listener takes its host although the wildcard listener's route would match it too (isolation).
        Assert.Equal("exact", (await host.EchoAsync($"http://a.example.com:{port}/")).Backend);
        Assert.Equal("wildcard", (await host.EchoAsync($"http://b.example.com:{port}/")).Backend);
        Assert.Equal("wildcard", (await host.EchoAsync($"http://deep.b.example.com:{port}/")).Backend);
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://example.com:{port}/"));
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://other.test:{port}/"));

        foreach (var (ns, name) in new[] { ("one", "exact"), ("two", "wildcard") })
        {
            var gateway = (await host.StatusOfAsync("Gateway", ns, name))!;
            AssertCondition(gateway, "Accepted", "True", "Accepted");
            AssertCondition(gateway, "Programmed", "True", "Programmed");
            var listener = Listener(gateway, "http");
            AssertCondition(listener, "Conflicted", "False", "NoConflicts");
            AssertCondition(listener, "Programmed", "True", "Programmed");
            Assert.Equal(1, listener["attachedRoutes"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Serve_ConflictingListeners_NewerRefusedOthersServe()
    {
        await using var echoes = await Echoes.StartAsync("older", "newer");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var secret = TlsSecret("apps", "cert", out var certificate, "tls.example.com");
        certificate.Dispose();
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: older, namespace: apps, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: http, protocol: HTTP, port: {{port}}, hostname: same.example.com}
            """,
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: newer, namespace: apps, creationTimestamp: "2024-06-01T00:00:00Z"}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: same, protocol: HTTP, port: {{port}}, hostname: same.example.com}
              - {name: own, protocol: HTTP, port: {{port}}, hostname: own.example.com}
            """,
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: secure, namespace: apps, creationTimestamp: "2024-07-01T00:00:00Z"}
            spec:
              gatewayClassName: switchyard
              listeners:
              - name: https
                protocol: HTTPS
                port: {{port}}
                hostname: tls.example.com
                tls: {mode: Terminate, certificateRefs: [{name: cert}]}
            """,
            secret,
            Route("apps", "older", "older"),
            Route("apps", "newer", "newer"),
            Route("apps", "secure", "newer"),
            Backend("apps", "older", 80, echoes["older"]),
            Backend("apps", "newer", 80, echoes["newer"])));

        // The older Gateway keeps same.example.com; the newer one keeps its other hostname; the socket stays HTTP.
        Assert.Equal("older", (await host.EchoAsync($"http://same.example.com:{port}/")).Backend);
        Assert.Equal("newer", (await host.EchoAsync($"http://own.example.com:{port}/")).Backend);
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://tls.example.com:{port}/"));

        var newer = (await host.StatusOfAsync("Gateway", "apps", "newer"))!;
        var message = AssertCondition(Listener(newer, "same"), "Conflicted", "True", "HostnameConflict");
        Assert.Contains("apps/older/http", message, StringComparison.Ordinal);
        AssertCondition(Listener(newer, "same"), "Accepted", "False", "HostnameConflict");
        AssertCondition(Listener(newer, "same"), "Programmed", "False", "HostnameConflict");
        AssertCondition(Listener(newer, "own"), "Conflicted", "False", "NoConflicts");
        AssertCondition(Listener(newer, "own"), "Programmed", "True", "Programmed");

        var secure = (await host.StatusOfAsync("Gateway", "apps", "secure"))!;
        AssertCondition(Listener(secure, "https"), "Conflicted", "True", "ProtocolConflict");
        AssertCondition(Listener(secure, "https"), "Accepted", "False", "ProtocolConflict");
        AssertCondition(secure, "Programmed", "False", "Invalid");

        var older = (await host.StatusOfAsync("Gateway", "apps", "older"))!;
        AssertCondition(Listener(older, "http"), "Conflicted", "False", "NoConflicts");
    }

    [Fact]
    public async Task Serve_GatewayClassOfAnotherController_ItsGatewaysAreNotServed()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var address = Loopback.Next();
        var ours = Loopback.FreePort(address);
        var theirs = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            GatewayClass("other", "example.com/other-controller"),
            HttpGateway("apps", "ours", address, ours),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: theirs, namespace: apps}
            spec:
              gatewayClassName: other
              listeners:
              - {name: http, protocol: HTTP, port: {{theirs}}}
            """,
            Route("apps", "ours", "web"),
            Route("apps", "theirs", "web"),
            Backend("apps", "web", 80, echoes["web"])));

        Assert.Equal("web", (await host.EchoAsync($"http://any.test:{ours}/")).Backend);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => host.GetAsync($"http://any.test:{theirs}/"));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);

        // Not ours: the class and its Gateway keep the API server's Pending placeholder, the route gets no parent entry.
        AssertCondition((await host.StatusOfAsync("GatewayClass", null, "other"))!, "Accepted", "Unknown", "Pending");
        AssertCondition((await host.StatusOfAsync("Gateway", "apps", "theirs"))!, "Accepted", "Unknown", "Pending");
        Assert.Empty((await host.StatusOfAsync("HTTPRoute", "apps", "theirs"))!["status"]?["parents"]?.AsArray() ?? []);
        AssertCondition((await host.StatusOfAsync("GatewayClass", null, "switchyard"))!, "Accepted", "True", "Accepted");
    }

    [Fact]
    public async Task Serve_GatewayAddresses_ListenersBindThereElseOnTheBindAddress()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var bindAddress = Loopback.Next();
        var own = Loopback.Next();
        var port = Loopback.FreePort(own);
        var other = Loopback.FreePort(bindAddress);
        await using var host = await ServeHost.StartAsync(bindAddress, Join(
            GatewayClass(),
            HttpGateway("apps", "addressed", own, port),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: default, namespace: apps}
            spec:
              gatewayClassName: switchyard
              listeners:
              - {name: http, protocol: HTTP, port: {{other}}}
            """,
            Route("apps", "addressed", "web"),
            Route("apps", "default", "web"),
            Backend("apps", "web", 80, echoes["web"])));

        Assert.Equal("web", (await host.EchoAsync($"http://{own}:{port}/")).Backend);
        Assert.Equal("web", (await host.EchoAsync($"http://{bindAddress}:{other}/")).Backend);
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            // The addressed Gateway did not take the port on the bind address.
            probe.Bind(new IPEndPoint(bindAddress, port));
        }

        var addressed = (await host.StatusOfAsync("Gateway", "apps", "addressed"))!;
        Assert.Equal(own.ToString(), addressed["status"]!["addresses"]![0]!["value"]!.GetValue<string>());
        Assert.Single(addressed["status"]!["addresses"]!.AsArray());
        var fallback = (await host.StatusOfAsync("Gateway", "apps", "default"))!;
        Assert.Equal(bindAddress.ToString(), fallback["status"]!["addresses"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Serve_AllowedRoutesAndParentRefPort_AttachAsSpecified()
    {
        await using var echoes = await Echoes.StartAsync("any-ns", "same-ns", "by-port");
        var address = Loopback.Next();
        var open = Loopback.FreePort(address);
        var closed = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Join(
            GatewayClass(),
            HttpGateway("infra", "open", address, open, from: "All"),
            HttpGateway("infra", "closed", address, closed, from: "Same"),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: team, namespace: team-a}
            spec:
              parentRefs:
              - {name: open, namespace: infra}
              - {name: closed, namespace: infra}
              hostnames: [team.test]
              rules:
              - backendRefs: [{name: any-ns, port: 80}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: local, namespace: infra}
            spec:
              parentRefs: [{name: closed, port: {{closed}}}]
              hostnames: [local.test]
              rules:
              - backendRefs: [{name: by-port, port: 80}]
            """,
            Backend("team-a", "any-ns", 80, echoes["any-ns"]),
            Backend("infra", "by-port", 80, echoes["by-port"])));

        // From All admits the other namespace's route; From Same refuses it on the other Gateway.
        Assert.Equal("any-ns", (await host.EchoAsync($"http://team.test:{open}/")).Backend);
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusCodeAsync($"http://team.test:{closed}/"));
        Assert.Equal("by-port", (await host.EchoAsync($"http://local.test:{closed}/")).Backend);

        var team = (await host.StatusOfAsync("HTTPRoute", "team-a", "team"))!;
        AssertCondition(RouteParent(team, "open"), "Accepted", "True", "Accepted");
        AssertCondition(RouteParent(team, "closed"), "Accepted", "False", "NotAllowedByListeners");
        AssertCondition(RouteParent((await host.StatusOfAsync("HTTPRoute", "infra", "local"))!, "closed"), "Accepted", "True", "Accepted");
    }

    private static string Route(string ns, string gateway, string backend) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{gateway}}, namespace: {{ns}}}
        spec:
          parentRefs: [{name: {{gateway}}}]
          rules:
          - backendRefs: [{name: {{backend}}, port: 80}]
        """;
}
