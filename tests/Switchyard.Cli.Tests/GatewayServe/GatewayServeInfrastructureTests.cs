using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// GatewayInfrastructurePropagation: while serving, admin <c>GET /status</c> lists the Gateway's generated Service
/// (<c>&lt;gateway&gt;-&lt;class&gt;</c>) with the well-known labels plus spec.infrastructure labels and annotations, and
/// follows edits of them; the Service's port and load-balancer address are where the Gateway answers.
/// </summary>
public sealed class GatewayServeInfrastructureTests
{
    [Fact]
    public async Task Serve_InfrastructureMetadata_OnGeneratedServiceAndFollowsEdits()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        await using var host = await ServeHost.StartAsync(address, Manifest("key2: value2", "key1: value1"), watch: true);

        var service = (await host.StatusOfAsync("Service", "apps", "edge-switchyard"))!;
        var labels = service["metadata"]!["labels"]!;
        Assert.Equal("edge", labels["gateway.networking.k8s.io/gateway-name"]!.GetValue<string>());
        Assert.Equal("switchyard", labels["gateway.networking.k8s.io/gateway-class-name"]!.GetValue<string>());
        Assert.Equal("value2", labels["key2"]!.GetValue<string>());
        Assert.Equal("value1", service["metadata"]!["annotations"]!["key1"]!.GetValue<string>());
        Assert.Equal("LoadBalancer", service["spec"]!["type"]!.GetValue<string>());

        // The advertised address and port are the ones the Gateway serves on.
        var ip = Assert.Single(service["status"]!["loadBalancer"]!["ingress"]!.AsArray())!["ip"]!.GetValue<string>();
        var servicePort = Assert.Single(service["spec"]!["ports"]!.AsArray())!["port"]!.GetValue<int>();
        Assert.Equal((address.ToString(), port), (ip, servicePort));
        Assert.Equal("web", (await host.EchoAsync($"http://{ip}:{servicePort}/")).Backend);

        var generation = host.Generation;
        await host.WriteAsync("manifests.yaml", Manifest("team: payments", "owner: ops@example.com"));
        await host.WaitForGenerationAboveAsync(generation);
        await Poll.UntilAsync(
            async () => (await host.StatusOfAsync("Service", "apps", "edge-switchyard"))?["metadata"]?["labels"]?["team"]?.GetValue<string>() == "payments",
            "the generated Service to carry the edited labels");
        service = (await host.StatusOfAsync("Service", "apps", "edge-switchyard"))!;
        Assert.Null(service["metadata"]!["labels"]!["key2"]);
        Assert.Null(service["metadata"]!["annotations"]!["key1"]);
        Assert.Equal("ops@example.com", service["metadata"]!["annotations"]!["owner"]!.GetValue<string>());

        string Manifest(string label, string annotation) => Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: apps}
            spec:
              gatewayClassName: switchyard
              infrastructure:
                labels: {{{label}}}
                annotations: {{{annotation}}}
              addresses: [{type: IPAddress, value: "{{address}}"}]
              listeners:
              - {name: http, protocol: HTTP, port: {{port}}}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: apps}
            spec:
              parentRefs: [{name: edge}]
              rules:
              - backendRefs: [{name: web, port: 80}]
            """,
            Backend("apps", "web", 80, echoes["web"]));
    }
}
