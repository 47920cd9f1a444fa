using System.Text.Json.Nodes;

namespace Switchyard.Cli.Tests.Status;

/// <summary><c>status</c> shows GRPCRoutes like every route kind: a table row with their parents' conditions, and the full status in yaml and json.</summary>
public sealed class StatusPrinterGrpcRouteTests : IDisposable
{
    private const string Manifests = StatusRun.GatewayHead + "\n" + """
          - name: rest
            port: 8081
            protocol: HTTP
            allowedRoutes: {kinds: [{kind: HTTPRoute}]}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: rpc, namespace: apps}
        spec:
          parentRefs: [{name: web, sectionName: http}, {name: web, sectionName: rest}]
          rules:
          - matches: [{method: {service: echo.v1.Echo}}]
            backendRefs: [{name: missing, port: 9000}]
        """;

    private readonly StatusRun _status = new();

    public void Dispose() => _status.Dispose();

    [Fact]
    public void Table_GrpcRouteRow_ShowsEachParentsConditions()
    {
        var table = Format("table");

        var row = Assert.Single(table.Split('\n'), l => l.StartsWith("GRPCRoute", StringComparison.Ordinal));
        Assert.Contains("web/http [Accepted, ResolvedRefs=False(BackendNotFound)]", row, StringComparison.Ordinal);
        Assert.Contains("web/rest [Accepted=False(NotAllowedByListeners), ResolvedRefs=False(BackendNotFound)]", row, StringComparison.Ordinal);
        Assert.Contains("listener http [Accepted, Programmed, ResolvedRefs] routes=1", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_GrpcRoute_CarriesItsStatus()
    {
        var list = JsonNode.Parse(Format("json"))!;

        var route = list["items"]!.AsArray().Single(i => (string?)i!["kind"] == "GRPCRoute")!;
        var parents = route["status"]!["parents"]!.AsArray();
        Assert.Equal(2, parents.Count);
        Assert.Equal("switchyard.dev/gateway-controller", (string?)parents[0]!["controllerName"]);
        Assert.Equal("NotAllowedByListeners", (string?)parents[1]!["conditions"]![0]!["reason"]);
    }

    [Fact]
    public void Yaml_GrpcRoute_CarriesItsStatus()
    {
        var yaml = Format("yaml");

        Assert.Contains("kind: GRPCRoute", yaml, StringComparison.Ordinal);
        Assert.Contains("reason: BackendNotFound", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: GRPCRoute\n", yaml[yaml.IndexOf("supportedKinds", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private string Format(string output) => _status.Format(Manifests, output);
}
