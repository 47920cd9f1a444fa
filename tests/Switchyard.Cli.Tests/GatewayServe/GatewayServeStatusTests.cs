using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;
using static Switchyard.Cli.Tests.GatewayServe.StatusJson;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// Admin <c>GET /status</c> while serving: every condition the spec defines, with observedGeneration and
/// lastTransitionTime kept across reloads; <c>switchyard status</c> computes the same conditions from the same files.
/// </summary>
public sealed class GatewayServeStatusTests
{
    [Fact]
    public async Task Serve_AdminStatus_ShowsSpecConditionsAndTracksGenerations()
    {
        await using var echoes = await Echoes.StartAsync("web");
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        string Manifests(string okHostnames, string section) => Join(
            GatewayClass(),
            $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: apps}
            spec:
              gatewayClassName: switchyard
              addresses: [{type: IPAddress, value: "{{address}}"}]
              listeners:
              - name: http
                protocol: HTTP
                port: {{port}}
                allowedRoutes:
                  kinds: [{kind: HTTPRoute}]
              - name: selector
                protocol: HTTP
                port: {{port}}
                hostname: sel.test
                allowedRoutes:
                  namespaces:
                    from: Selector
                    selector:
                      matchLabels: {team: b}
            """,
            Namespace("team-b", "{team: b}"),
            Namespace("team-c", "{team: c}"),
            Route("apps", "ok", "web", "{name: web, port: 80}", okHostnames),
            Route("apps", "wrong-section", "{name: web, sectionName: " + section + "}", "{name: web, port: 80}"),
            Route("apps", "wrong-port", "{name: web, port: 1}", "{name: web, port: 80}"),
            Route("team-c", "foreign", "{name: web, namespace: apps}", "{name: web, namespace: apps, port: 80}"),
            Route("team-b", "selected", "{name: web, namespace: apps, sectionName: selector}", "{name: web, port: 80}"),
            Route("apps", "bad-kind", "web", "{group: \"\", kind: ConfigMap, name: web}"),
            Route("apps", "missing", "web", "{name: nothing, port: 80}"),
            Backend("apps", "web", 80, echoes["web"]),
            Backend("team-b", "web", 80, echoes["web"]));
        await using var host = await ServeHost.StartAsync(address, Manifests("[]", "nope"), watch: true);

        var gatewayClass = (await host.StatusOfAsync("GatewayClass", null, "switchyard"))!;
        AssertCondition(gatewayClass, "Accepted", "True", "Accepted");

        var gateway = (await host.StatusOfAsync("Gateway", "apps", "web"))!;
        AssertCondition(gateway, "Accepted", "True", "Accepted");
        AssertCondition(gateway, "Programmed", "True", "Programmed");
        Assert.Equal(
            """[{"type":"IPAddress","value":"ADDRESS"}]""".Replace("ADDRESS", address.ToString(), StringComparison.Ordinal),
            gateway["status"]!["addresses"]!.ToJsonString());
        var http = Listener(gateway, "http");
        Assert.Equal("""[{"group":"gateway.networking.k8s.io","kind":"HTTPRoute"}]""", http["supportedKinds"]!.ToJsonString());
        Assert.Equal(3, http["attachedRoutes"]!.GetValue<int>());
        Assert.Equal(1, Listener(gateway, "selector")["attachedRoutes"]!.GetValue<int>());
        foreach (var listener in new[] { http, Listener(gateway, "selector") })
        {
            AssertCondition(listener, "Accepted", "True", "Accepted");
            AssertCondition(listener, "Programmed", "True", "Programmed");
            AssertCondition(listener, "ResolvedRefs", "True", "ResolvedRefs");
            AssertCondition(listener, "Conflicted", "False", "NoConflicts");
        }

        async Task<JsonNode> Parent(string ns, string name, string? section = null) =>
            RouteParent((await host.StatusOfAsync("HTTPRoute", ns, name))!, "web", section);

        AssertCondition(await Parent("apps", "ok"), "Accepted", "True", "Accepted");
        AssertCondition(await Parent("apps", "ok"), "ResolvedRefs", "True", "ResolvedRefs");
        AssertCondition(await Parent("apps", "wrong-section", "nope"), "Accepted", "False", "NoMatchingParent");
        AssertCondition(RouteParentByPort((await host.StatusOfAsync("HTTPRoute", "apps", "wrong-port"))!), "Accepted", "False", "NoMatchingParent");
        AssertCondition(await Parent("team-c", "foreign"), "Accepted", "False", "NotAllowedByListeners");
        AssertCondition(await Parent("team-b", "selected", "selector"), "Accepted", "True", "Accepted");
        AssertCondition(await Parent("apps", "bad-kind"), "ResolvedRefs", "False", "InvalidKind");
        AssertCondition(await Parent("apps", "missing"), "ResolvedRefs", "False", "BackendNotFound");
        Assert.Equal("switchyard.dev/gateway-controller", (await Parent("apps", "ok"))["controllerName"]!.GetValue<string>());

        // Every condition we write carries observedGeneration and lastTransitionTime.
        foreach (var condition in AllConditions(gatewayClass).Concat(AllConditions(gateway)).Concat(AllConditions((await host.StatusOfAsync("HTTPRoute", "apps", "ok"))!)))
        {
            Assert.Equal(1, condition["observedGeneration"]!.GetValue<long>());
            Assert.True(DateTime.TryParse(condition["lastTransitionTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
        }

        // A spec edit that keeps the status: observedGeneration follows, lastTransitionTime stays.
        var okBefore = Condition(await Parent("apps", "ok"), "Accepted")["lastTransitionTime"]!.GetValue<string>();
        var sectionBefore = Condition(await Parent("apps", "wrong-section", "nope"), "Accepted")["lastTransitionTime"]!.GetValue<string>();
        var generation = host.Generation;
        await host.WriteAsync("manifests.yaml", Manifests("[ok.test]", "http"));
        await host.WaitForGenerationAboveAsync(generation);
        await Poll.UntilAsync(async () => (await host.StatusOfAsync("HTTPRoute", "apps", "wrong-section"))!["metadata"]!["generation"]!.GetValue<long>() == 2, "routes edited");

        var ok = Condition(await Parent("apps", "ok"), "Accepted");
        Assert.Equal(2, ok["observedGeneration"]!.GetValue<long>());
        Assert.Equal(okBefore, ok["lastTransitionTime"]!.GetValue<string>());
        var fixedSection = Condition(await Parent("apps", "wrong-section", "http"), "Accepted");
        Assert.Equal("True", fixedSection["status"]!.GetValue<string>());
        Assert.Equal(2, fixedSection["observedGeneration"]!.GetValue<long>());
        Assert.True(
            DateTime.Parse(fixedSection["lastTransitionTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            >= DateTime.Parse(sectionBefore, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        Assert.Equal(4, Listener((await host.StatusOfAsync("Gateway", "apps", "web"))!, "http")["attachedRoutes"]!.GetValue<int>());
    }

    [Fact]
    public async Task StatusCommand_SameManifests_SameConditionsAsServe()
    {
        var address = Loopback.Next();
        var port = Loopback.FreePort(address);
        var manifests = Join(
            GatewayClass(),
            HttpGateway("apps", "web", address, port),
            Route("apps", "ok", "web", "{name: web, port: 80}"),
            Route("apps", "wrong-section", "{name: web, sectionName: nope}", "{name: web, port: 80}"),
            Route("apps", "missing", "web", "{name: nothing, port: 80}"),
            Service("apps", "web", "[{name: http, port: 80}]"));
        await using var host = await ServeHost.StartAsync(address, manifests);

        var cli = Path.Combine(AppContext.BaseDirectory, "switchyard.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "status", "-f", host.Directory, "-o", "json" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        var printed = JsonNode.Parse(await output)!["items"]!.AsArray();

        foreach (var (kind, ns, name) in new[] { ("GatewayClass", (string?)null, "switchyard"), ("Gateway", "apps", "web"), ("HTTPRoute", "apps", "ok"), ("HTTPRoute", "apps", "wrong-section"), ("HTTPRoute", "apps", "missing") })
        {
            var served = (await host.StatusOfAsync(kind, ns, name))!;
            var computed = printed.Single(i => i!["kind"]!.GetValue<string>() == kind && i["metadata"]!["name"]!.GetValue<string>() == name)!;
            Assert.Equal(Summary(served), Summary(computed));
        }
    }

    private static JsonNode RouteParentByPort(JsonNode route) =>
        route["status"]!["parents"]!.AsArray().Single(p => p!["parentRef"]!["port"] is not null)!;

    private static IEnumerable<JsonNode> AllConditions(JsonNode item)
    {
        var status = item["status"]!;
        foreach (var condition in status["conditions"]?.AsArray() ?? [])
        {
            yield return condition!;
        }

        foreach (var holder in (status["listeners"]?.AsArray() ?? []).Concat(status["parents"]?.AsArray() ?? []))
        {
            foreach (var condition in holder!["conditions"]!.AsArray())
            {
                yield return condition!;
            }
        }
    }

    /// <summary>Type, status, reason and message of every condition, without the times.</summary>
    private static string Summary(JsonNode item) =>
        string.Join("\n", AllConditions(item).Select(c => string.Join(
            " ", c["type"]!.GetValue<string>(), c["status"]!.GetValue<string>(), c["reason"]!.GetValue<string>(), c["message"]?.GetValue<string>())));

    private static string Route(string ns, string name, string parentRef, string backendRef, string hostnames = "[]") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          parentRefs: [{{(parentRef.StartsWith('{') ? parentRef : "{name: " + parentRef + "}")}}]
          hostnames: {{hostnames}}
          rules:
          - backendRefs: [{{backendRef}}]
        """;
}
