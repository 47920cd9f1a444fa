using System.Net;
using Switchyard.Dns.Tests.Translation;
using Switchyard.Ir;
using Switchyard.Translation;

namespace Switchyard.Dns.Tests.Support;

/// <summary>A cluster with every kind of record, translated from manifests, for tests against a real server.</summary>
internal static class ServerCluster
{
    public const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: empty}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          clusterIP: 192.0.2.10
          clusterIPs: [192.0.2.10, "2001:db8::10"]
          ipFamilyPolicy: RequireDualStack
          ports:
          - {name: http, port: 80}
          - {name: alt, port: 8080}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: data}
        spec:
          clusterIP: None
          ports:
          - {name: pg, port: 5432}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: db-1
          namespace: data
          labels: {kubernetes.io/service-name: db}
        addressType: IPv4
        endpoints:
        - {addresses: [192.0.2.21], hostname: db-0, conditions: {ready: true}}
        - {addresses: [192.0.2.22], hostname: db-1}
        - {addresses: [192.0.2.23], hostname: db-2, conditions: {ready: false}}
        ports:
        - {name: pg, port: 15432, protocol: TCP}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: search, namespace: default}
        spec: {type: ExternalName, externalName: www.example.com}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api, namespace: default}
        spec:
          containers: [{name: api, image: api}]
        status:
          phase: Running
          podIP: 198.51.100.50
          podIPs: [{ip: 198.51.100.50}, {ip: "2001:db8::50"}]
        """;

    public static Snapshot Snapshot(long generation = 1, string? extra = null)
    {
        var yaml = extra is null ? Manifests : Manifests + "\n---\n" + extra;
        var result = ZoneGoldenTests.Run(yaml, new TranslatorOptions { DnsServerAddress = IPAddress.Loopback });
        Assert.Empty(result.Snapshot.Validate());
        return result.Snapshot with { Generation = generation };
    }

    /// <summary>A headless Service with many endpoints: its A answer does not fit in 512 bytes.</summary>
    public static string BigHeadless(int endpoints)
    {
        var lines = string.Join("\n", Enumerable.Range(1, endpoints).Select(i => $"- {{addresses: [203.0.113.{i}]}}"));
        return $$"""
            apiVersion: v1
            kind: Service
            metadata: {name: big, namespace: default}
            spec: {clusterIP: None}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: big-1
              namespace: default
              labels: {kubernetes.io/service-name: big}
            addressType: IPv4
            endpoints:
            {{lines}}
            """;
    }

    public static async Task<DnsServer> StartAsync(Snapshot? snapshot, DnsServerOptions? options = null, TimeProvider? time = null)
    {
        var server = new DnsServer(options ?? new DnsServerOptions { UdpReceivers = 2 }, time: time);
        if (snapshot is not null)
        {
            server.ApplySnapshot(snapshot);
        }

        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        return server;
    }
}
