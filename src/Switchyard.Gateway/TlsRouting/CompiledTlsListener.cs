using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Tls;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>Everything one TLS listener socket serves in one snapshot: its Gateway listeners by SNI name.</summary>
internal sealed class CompiledTlsListener
{
    private readonly HostLookup<CompiledSniHost> _hosts;

    private CompiledTlsListener(TlsListener listener, long generation, HostLookup<CompiledSniHost> hosts)
    {
        Listener = listener;
        Generation = generation;
        _hosts = hosts;
    }

    public TlsListener Listener { get; }

    public long Generation { get; }

    public static CompiledTlsListener Create(TlsListener listener, long generation, Dictionary<string, CompiledCluster> clusters, CertificateCache certificates, ICollection<string> problems)
    {
        var hosts = new List<KeyValuePair<string?, CompiledSniHost>>();
        foreach (var host in listener.Hosts.IsDefault ? [] : listener.Hosts)
        {
            hosts.Add(KeyValuePair.Create(host.Hostname, CompiledSniHost.Create(host, clusters, certificates, problems)));
        }

        return new CompiledTlsListener(listener, generation, HostLookup<CompiledSniHost>.Build(hosts));
    }

    /// <summary>
    /// The Gateway listener and route for a connection: the most specific listener whose hostname matches
    /// <paramref name="serverName"/> (only that one: listener isolation), then its most specific route. A client
    /// without SNI reaches only a catch-all listener's catch-all route.
    /// </summary>
    public (CompiledSniHost? Host, CompiledSniRoute? Route) Find(string? serverName)
    {
        var host = serverName is null ? _hosts.CatchAll : _hosts.Find(serverName);
        return (host, host?.Find(serverName));
    }
}
