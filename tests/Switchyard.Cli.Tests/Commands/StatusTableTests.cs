using Switchyard.Cli.Serving;
using Switchyard.Status;
using Switchyard.Translation;

namespace Switchyard.Cli.Tests.Commands;

/// <summary>`status -o table` rows for Services and EndpointSlices carry what `kubectl get` shows for them.</summary>
public sealed class StatusTableTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-status-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Table_Services_ShowTypeClusterIpsAndPorts()
    {
        var table = Table("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: apps}
            spec:
              clusterIP: 127.96.0.10
              ports: [{name: http, port: 80}, {name: dns, port: 53, protocol: UDP}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: edge, namespace: apps}
            spec:
              type: NodePort
              clusterIP: 127.96.0.11
              ports: [{port: 443, nodePort: 30443}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: search, namespace: apps}
            spec: {type: ExternalName, externalName: www.example.com}
            """);

        Assert.Contains(Row(table, "web"), r => r.EndsWith("ClusterIP 127.96.0.10 80/TCP,53/UDP", StringComparison.Ordinal));
        Assert.Contains(Row(table, "edge"), r => r.EndsWith("NodePort 127.96.0.11 443:30443/TCP", StringComparison.Ordinal));
        Assert.Contains(Row(table, "search"), r => r.EndsWith("ExternalName www.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Table_ServiceWithoutClusterIp_ShowsTheAllocatedOne()
    {
        var table = Table("""
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: apps}
            spec:
              ports: [{port: 8080}]
            """);

        var row = Assert.Single(Row(table, "api"));
        Assert.Matches(@"ClusterIP 127\.96\.\d+\.\d+ 8080/TCP$", row);
    }

    [Fact]
    public void Table_EndpointSlice_CountsReadyAndTerminating()
    {
        var table = Table("""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: data}
            spec:
              clusterIP: 127.96.0.20
              ports: [{port: 5432}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: db-1
              namespace: data
              labels: {kubernetes.io/service-name: db}
            addressType: IPv4
            endpoints:
            - addresses: [192.0.2.1]
            - addresses: [192.0.2.2]
              conditions: {ready: false}
            - addresses: [192.0.2.3]
              conditions: {ready: false, serving: true, terminating: true}
            ports: [{port: 5432}]
            """);

        Assert.Contains(Row(table, "db-1"), r => r.EndsWith("3 endpoints, 1 ready, 1 terminating", StringComparison.Ordinal));
    }

    [Fact]
    public void Table_GatewayGeneratedService_ShowsLoadBalancerPortsAndAddress()
    {
        var table = Table("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: switchyard}
            spec: {controllerName: switchyard.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: apps}
            spec:
              gatewayClassName: switchyard
              infrastructure: {labels: {team: a}}
              addresses: [{value: 192.0.2.10}]
              listeners:
              - {name: http, protocol: HTTP, port: 8080}
              - {name: admin, protocol: HTTP, port: 9090, hostname: admin.example.com}
            """);

        var row = Assert.Single(Row(table, "edge-switchyard"));
        Assert.StartsWith("Service", row, StringComparison.Ordinal);
        Assert.EndsWith("LoadBalancer <none> 8080/TCP,9090/TCP; address 192.0.2.10", row, StringComparison.Ordinal);
    }

    private string Table(string yaml)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "all.yaml"), yaml);
        var pipeline = new ConfigPipeline([_dir.FullName], new TranslatorOptions(), TimeProvider.System);
        var outcome = pipeline.Reload();
        Assert.Empty(outcome.Load.Errors);
        return StatusPrinter.Format(pipeline.CurrentStore, pipeline.Current, "table");
    }

    private static IEnumerable<string> Row(string table, string name) =>
        table.Split('\n').Where(line => line.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [_, _, var n, ..] && n == name);
}
