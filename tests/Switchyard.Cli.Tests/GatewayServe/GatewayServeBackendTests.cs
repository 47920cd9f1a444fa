using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Gateway.Echo;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Service backends from Services and EndpointSlices: endpoint choice, failures, forwarding headers, upgrades.</summary>
public sealed class GatewayServeBackendTests
{
    [Fact]
    public async Task Serve_BackendsWithoutUsableEndpointsOrRefs_AnswerAsSpecified()
    {
        await using var echoes = await Echoes.StartAsync("web", "unready");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "backends", """
            - matches: [{path: {value: /empty}}]
              backendRefs: [{name: empty, port: 80}]
            - matches: [{path: {value: /unready}}]
              backendRefs: [{name: unready, port: 80}]
            - matches: [{path: {value: /missing}}]
              backendRefs: [{name: missing, port: 80}]
            - matches: [{path: {value: /zero}}]
              backendRefs: [{name: web, port: 80, weight: 0}]
            - matches: [{path: {value: /none}}]
            - matches: [{path: {value: /half}}]
              backendRefs: [{name: web, port: 80}, {name: missing, port: 80}]
            - matches: [{path: {value: /weight0}}]
              backendRefs: [{name: web, port: 80}, {name: unready, port: 80, weight: 0}]
            """),
            Backend("apps", "web", 80, echoes["web"]),
            Backend("apps", "empty", 80),
            Service("apps", "unready", "[{name: http, port: 80}]"),
            EndpointSlice("apps", "unready", "unready-0", echoes["unready"].EndPoint, ready: false));
        var port = host.Port;

        async Task<HttpStatusCode> Code(string path) => await host.StatusCodeAsync($"http://backends.test:{port}{path}");

        // A Service without (ready) endpoints: 503; no valid backendRef at all: 500.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Code("/empty"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Code("/unready"));
        Assert.Equal(HttpStatusCode.InternalServerError, await Code("/missing"));
        Assert.Equal(HttpStatusCode.InternalServerError, await Code("/zero"));
        Assert.Equal(HttpStatusCode.InternalServerError, await Code("/none"));
        Assert.Equal(0, echoes["unready"].RequestCount);

        // Half the weight on an invalid backendRef: that share answers 500, the rest is served.
        var codes = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            codes.Add(await Code("/half"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.InternalServerError], codes.Order());

        // Weight 0 is never chosen.
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal("web", (await host.EchoAsync($"http://backends.test:{port}/weight0")).Backend);
        }

        var route = (await host.StatusOfAsync("HTTPRoute", "apps", "backends"))!;
        var message = AssertCondition(RouteParent(route, "web"), "ResolvedRefs", "False", "BackendNotFound");
        Assert.Contains("apps/missing", message, StringComparison.Ordinal);
        AssertCondition(RouteParent(route, "web"), "Accepted", "True", "Accepted");
    }

    [Fact]
    public async Task Serve_ServiceEndpoints_PortByNameBalancedAndFailedEndpointEjected()
    {
        var shared = Loopback.Next();
        await using var echoes = await Echoes.StartAsync("one", "two", "three");
        await using var web = await EchoServer.StartAsync(new IPEndPoint(shared, 0), "web");
        await using var admin = await EchoServer.StartAsync(new IPEndPoint(shared, 0), "admin");
        var dead = new IPEndPoint(Loopback.Next(), 0);
        dead.Port = Loopback.FreePort(dead.Address);
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "backends", """
            - matches: [{path: {value: /web}}]
              backendRefs: [{name: multi, port: 80}]
            - matches: [{path: {value: /admin}}]
              backendRefs: [{name: multi, port: 9000}]
            - matches: [{path: {value: /spread}}]
              backendRefs: [{name: spread, port: 80}]
            - matches: [{path: {value: /flaky}}]
              backendRefs: [{name: flaky, port: 80}]
            """),
            // One Pod with two named container ports behind a two-port Service: the Service port picks the slice port by name.
            $$"""
            apiVersion: v1
            kind: Service
            metadata: {name: multi, namespace: apps}
            spec:
              ports:
              - {name: http, port: 80, targetPort: web}
              - {name: admin, port: 9000, targetPort: admin}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: multi-abc
              namespace: apps
              labels: {kubernetes.io/service-name: multi}
            addressType: IPv4
            ports:
            - {name: admin, port: {{admin.EndPoint.Port}}}
            - {name: http, port: {{web.EndPoint.Port}}}
            endpoints:
            - addresses: ["{{shared}}"]
            """,
            Backend("apps", "spread", 80, echoes["one"], echoes["two"], echoes["three"]),
            Backend("apps", "flaky", 80, echoes["one"]),
            EndpointSlice("apps", "flaky", "flaky-dead", dead));
        var port = host.Port;

        Assert.Equal("web", (await host.EchoAsync($"http://b.test:{port}/web")).Backend);
        Assert.Equal("admin", (await host.EchoAsync($"http://b.test:{port}/admin")).Backend);

        var spread = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            spread.Add((await host.EchoAsync($"http://b.test:{port}/spread")).Backend);
        }

        Assert.Equal(["one", "three", "two"], spread.Order(StringComparer.Ordinal));

        // A refused connection answers 503 once, then the endpoint is ejected and the live one takes everything.
        var refused = 0;
        for (var i = 0; i < 60 && refused == 0; i++)
        {
            refused += await host.StatusCodeAsync($"http://b.test:{port}/flaky") == HttpStatusCode.ServiceUnavailable ? 1 : 0;
        }

        Assert.Equal(1, refused);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("one", (await host.EchoAsync($"http://b.test:{port}/flaky")).Backend);
        }
    }

    [Fact]
    public async Task Serve_Forwarding_AppendsForwardedHeadersDropsHopByHopAndUpgradesWebSockets()
    {
        await using var echoes = await Echoes.StartAsync("web", "h2");
        await using var host = await ServeHost.StartWebAsync(
            HttpRoute("apps", "web", """
            - backendRefs: [{name: web, port: 80}]
            - matches: [{path: {value: /h2}}]
              backendRefs: [{name: h2, port: 80}]
            """),
            Backend("apps", "web", 80, echoes["web"]),
            Service("apps", "h2", "[{name: http, port: 80, appProtocol: kubernetes.io/h2c}]"),
            EndpointSlice("apps", "h2", "h2-0", echoes["h2"].EndPoint));
        var port = host.Port;

        var reply = await host.EchoAsync($"http://fwd.test:{port}/path", ("X-Forwarded-For", "203.0.113.9"));
        Assert.Matches(@"^203\.0\.113\.9, 127\.\d+\.\d+\.\d+$", reply.Headers["x-forwarded-for"]);
        Assert.Equal("http", reply.Headers["x-forwarded-proto"]);
        Assert.Equal("fwd.test:" + port, reply.Headers["x-forwarded-host"]);
        Assert.Equal("fwd.test:" + port, reply.Host);
        Assert.Equal("HTTP/1.1", reply.Protocol);

        // Hop-by-hop: the standard fields and those the Connection header names stay on the client's hop (RFC 9110 §7.6.1).
        // (Kestrel reduces a Connection header that holds close or keep-alive to that option, so the names are sent alone.)
        var (status, _, body) = await RawHttp.SendAsync(new IPEndPoint(host.Gateway, port), """
            GET /hop HTTP/1.1
            Host: fwd.test
            Connection: x-hop, X-Other-Hop
            Keep-Alive: timeout=5
            Proxy-Connection: keep-alive
            X-Hop: 1
            X-Other-Hop: 2
            X-End-To-End: 3


            """);
        Assert.Equal(200, status);
        var hop = JsonNode.Parse(body)!["headers"]!.AsObject();
        Assert.Equal("3", hop["X-End-To-End"]!.GetValue<string>());
        foreach (var dropped in new[] { "Keep-Alive", "Proxy-Connection", "X-Hop", "X-Other-Hop" })
        {
            Assert.False(hop.ContainsKey(dropped), dropped + " forwarded: " + body);
        }

        // A client speaking HTTP/2 (h2c) to the gateway, and an h2c backend (appProtocol kubernetes.io/h2c).
        using var h2Client = host.CreateClient(HttpVersion.Version20);
        using var h2 = await h2Client.GetAsync($"http://fwd.test:{port}/h2");
        Assert.Equal(HttpVersion.Version20, h2.Version);
        Assert.Equal("HTTP/2", (await EchoReply.ReadAsync(h2)).Protocol);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://fwd.test:{port}/chat"), host.Client, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello through the gateway"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("hello through the gateway", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
