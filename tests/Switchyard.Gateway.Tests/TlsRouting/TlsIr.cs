using System.Net;
using Switchyard.Ir;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Gateway.Tests.TlsRouting;

/// <summary>Small builders for hand-made TLS listener IR in tests.</summary>
internal static class TlsIr
{
    public static Snapshot Snapshot(long generation, IEnumerable<BackendCluster> clusters, params SniHost[] hosts) => new()
    {
        Generation = generation,
        TlsListeners = [Listener(hosts)],
        Clusters = [.. clusters],
    };

    public static TlsListener Listener(params SniHost[] hosts) => new()
    {
        Id = "127.0.0.1:0",
        Address = "127.0.0.1",
        Port = 0,
        Hosts = [.. hosts],
        Owners = [.. hosts.Select(h => h.Id)],
    };

    public static SniHost Passthrough(string id, string? hostname, params SniRoute[] routes) => new()
    {
        Id = id,
        Hostname = hostname,
        Mode = TlsMode.Passthrough,
        Routes = [.. routes],
    };

    public static SniHost Terminate(string id, string? hostname, TlsCertificate certificate, params SniRoute[] routes) => new()
    {
        Id = id,
        Hostname = hostname,
        Mode = TlsMode.Terminate,
        Certificates = [certificate],
        Routes = [.. routes],
    };

    /// <summary>A route; a backend whose cluster id starts with <c>!</c> is a rejected (unresolved) one.</summary>
    public static SniRoute Route(string id, string? hostname, params (string Cluster, int Weight)[] backends) => new()
    {
        Id = id,
        Route = id,
        Hostname = hostname,
        Backends = [.. backends.Select(b => new SniBackend { ClusterId = b.Cluster, Weight = b.Weight, Rejected = b.Cluster.StartsWith('!') })],
    };

    public static BackendCluster Cluster(TcpBackend backend) => Cluster(backend.Name, backend.EndPoint);

    public static BackendCluster Cluster(string id, params IPEndPoint[] endpoints) => TestIr.Cluster(id, BackendProtocol.Http1, endpoints);
}
