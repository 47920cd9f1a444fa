using System.Net;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// GatewayStaticAddresses: an address in spec.addresses that this host does not have is the Gateway's problem
/// (Programmed=False, AddressNotUsable), not a port conflict; the listener keeps serving on the usable address, and
/// removing the unusable one programs the Gateway.
/// </summary>
public sealed class GatewayServeStaticAddressTests
{
    // A documentation address: never assigned to this host, so binding it fails. Nothing is ever sent to it.
    private const string Unusable = "198.51.100.7";

    [Fact]
    public async Task Serve_UnusableStaticAddress_GatewayAddressNotUsableListenerServesOnTheOther()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var usable = Loopback.Next();
        var port = Loopback.FreePort(usable);
        await using var host = await ServeHost.StartAsync(Loopback.Next(), Manifest(usable, port, Unusable), watch: true);

        Assert.Equal("web", (await host.EchoAsync($"http://{usable}:{port}/")).Backend);
        var gateway = (await host.StatusOfAsync("Gateway", "apps", "static"))!;
        AssertCondition(gateway, "Accepted", "True", "Accepted");
        var message = AssertCondition(gateway, "Programmed", "False", "AddressNotUsable");
        Assert.Contains(Unusable, message, StringComparison.Ordinal);
        var listener = Listener(gateway, "http");
        AssertCondition(listener, "Accepted", "True", "Accepted");
        AssertCondition(listener, "Programmed", "True", "Programmed");
        var addresses = gateway["status"]!["addresses"]!.AsArray();
        Assert.Equal(usable.ToString(), Assert.Single(addresses)!["value"]!.GetValue<string>());

        // The Gateway's generated Service advertises the same addresses.
        var service = (await host.StatusOfAsync("Service", "apps", "static-switchyard"))!;
        Assert.Equal(usable.ToString(), Assert.Single(service["status"]!["loadBalancer"]!["ingress"]!.AsArray())!["ip"]!.GetValue<string>());

        // Without the unusable address the Gateway is programmed.
        var generation = host.Generation;
        await host.WriteAsync("manifests.yaml", Manifest(usable, port));
        await host.WaitForGenerationAboveAsync(generation);
        await Poll.UntilAsync(
            async () => Condition((await host.StatusOfAsync("Gateway", "apps", "static"))!, "Programmed")["status"]!.GetValue<string>() == "True",
            "the Gateway to be programmed without the unusable address");
        gateway = (await host.StatusOfAsync("Gateway", "apps", "static"))!;
        AssertCondition(gateway, "Programmed", "True", "Programmed");
        Assert.Equal(usable.ToString(), Assert.Single(gateway["status"]!["addresses"]!.AsArray())!["value"]!.GetValue<string>());
        Assert.Equal("web", (await host.EchoAsync($"http://{usable}:{port}/")).Backend);

        string Manifest(IPAddress address, int listenerPort, params string[] more) => Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: static, namespace: apps}
            spec:
              gatewayClassName: switchyard
              addresses:
              {{string.Join("\n  ", more.Select(a => $"- {{type: IPAddress, value: \"{a}\"}}").Prepend($"- {{type: IPAddress, value: \"{address}\"}}"))}}
              listeners:
              - {name: http, protocol: HTTP, port: {{listenerPort}}}
            """,
            HttpRoute("apps", "web", """
            - backendRefs: [{name: web, port: 80}]
            """, parentRefs: "[{name: static}]"),
            Backend("apps", "web", 80, echoes["web"]));
    }
}
