using System.Text.Json.Nodes;

namespace Switchyard.Cli.Tests.Status;

/// <summary><c>status</c> shows BackendTLSPolicies: a table row with each ancestor Gateway's conditions, and the full status in json.</summary>
public sealed class StatusPrinterBackendTlsPolicyTests : IDisposable
{
    private const string Manifests = StatusRun.GatewayHead + "\n" + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: apps}
        spec:
          parentRefs: [{name: web}]
          rules:
          - backendRefs: [{name: secure, port: 443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: secure, namespace: apps}
        spec:
          ports: [{name: https, port: 443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: idle, namespace: apps}
        spec:
          ports: [{name: https, port: 443}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata: {name: secure, namespace: apps}
        spec:
          targetRefs: [{group: "", kind: Service, name: secure, sectionName: https}]
          validation:
            caCertificateRefs: [{group: "", kind: ConfigMap, name: missing-ca}]
            hostname: secure.example.com
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata: {name: idle, namespace: apps}
        spec:
          targetRefs: [{group: "", kind: Service, name: idle}]
          validation: {wellKnownCACertificates: System, hostname: idle.example.com}
        """;

    private readonly StatusRun _status = new();

    public void Dispose() => _status.Dispose();

    [Fact]
    public void Table_BackendTlsPolicyRow_ShowsEachAncestorsConditions()
    {
        var table = Format("table");

        var rows = table.Split('\n').Where(l => l.StartsWith("BackendTLSPolicy", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("secure", StringComparison.Ordinal)
            && r.Contains("web [Accepted=False(NoValidCACertificate), ResolvedRefs=False(InvalidCACertificateRef)]", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("idle", StringComparison.Ordinal) && r.Contains("no ancestors (no route uses it)", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_BackendTlsPolicy_CarriesAncestorStatus()
    {
        var list = JsonNode.Parse(Format("json"))!;

        var policy = list["items"]!.AsArray().Single(i => (string?)i!["kind"] == "BackendTLSPolicy" && (string?)i["metadata"]!["name"] == "secure")!;
        var ancestor = Assert.Single(policy["status"]!["ancestors"]!.AsArray())!;
        Assert.Equal("Gateway", (string?)ancestor["ancestorRef"]!["kind"]);
        Assert.Equal("web", (string?)ancestor["ancestorRef"]!["name"]);
        Assert.Equal("switchyard.dev/gateway-controller", (string?)ancestor["controllerName"]);
        Assert.Contains("ConfigMap apps/missing-ca not found", (string?)ancestor["conditions"]![1]!["message"], StringComparison.Ordinal);
    }

    private string Format(string output) => _status.Format(Manifests, output);
}
