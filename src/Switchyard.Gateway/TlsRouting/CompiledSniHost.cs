using System.Net.Security;
using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Tls;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>One Gateway listener of protocol TLS in one snapshot: its routes by SNI name and, to terminate, its certificates.</summary>
internal sealed class CompiledSniHost
{
    private readonly HostLookup<CompiledSniRoute> _routes;
    private readonly CertificateTable? _certificates;

    private CompiledSniHost(string id, TlsMode mode, HostLookup<CompiledSniRoute> routes, CertificateTable? certificates)
    {
        Id = id;
        Mode = mode;
        _routes = routes;
        _certificates = certificates;
    }

    /// <summary><c>ns/gateway/listener</c>.</summary>
    public string Id { get; }

    public TlsMode Mode { get; }

    public static CompiledSniHost Create(SniHost host, Dictionary<string, CompiledCluster> clusters, CertificateCache certificates, ICollection<string> problems)
    {
        var routes = new List<KeyValuePair<string?, CompiledSniRoute>>();
        foreach (var route in host.Routes.IsDefault ? [] : host.Routes)
        {
            routes.Add(KeyValuePair.Create(route.Hostname, CompiledSniRoute.Create(route, clusters, problems)));
        }

        CertificateTable? table = null;
        if (host.Mode == TlsMode.Terminate)
        {
            // Not strict: the host already matched the client's name, so its first certificate answers a name that
            // matches none of them exactly (and a client without SNI on a catch-all listener).
            table = CertificateTable.Build(host.Certificates, strictSni: false, certificates, problems);
            if (table.Select(null) is null)
            {
                problems.Add(string.Concat(host.Id, ": no usable certificate; its connections are refused"));
            }
        }

        return new CompiledSniHost(host.Id, host.Mode, HostLookup<CompiledSniRoute>.Build(routes), table);
    }

    /// <summary>The most specific route for <paramref name="serverName"/>; null (no SNI) matches only a catch-all route.</summary>
    public CompiledSniRoute? Find(string? serverName) =>
        serverName is null ? _routes.CatchAll : _routes.Find(serverName);

    /// <summary>
    /// Server options for terminating one connection, or null when no certificate may be served. No ALPN: the bytes
    /// after the handshake are opaque TCP, so no application protocol is agreed on here.
    /// </summary>
    public SslServerAuthenticationOptions? CreateServerOptions(string? serverName) =>
        _certificates?.Select(serverName) is { } entry ? CertificateTable.CreateOptions(entry, alpn: null) : null;
}
