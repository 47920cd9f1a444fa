using System.Collections.Immutable;
using Switchyard.Ir;
using Switchyard.Ir.TlsRouting;
using Switchyard.Translation.Backends;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Builds the IR for our programmed TLS listeners: one <see cref="TlsListener"/> per address:port, one
/// <see cref="SniHost"/> per Gateway listener on it (most specific hostname first), and per host the routes by
/// hostname. When two TLSRoutes claim the same hostname on a listener, the older one (then the alphabetically first)
/// keeps it, as Gateway API orders conflicting routes; the other is told so in a warning.
/// </summary>
internal static class TlsRouteIr
{
    public static void Build(TranslationContext ctx, IReadOnlyList<GatewayEntry> gateways, ServiceBackends backends, List<BackendCluster> clusters)
    {
        var sockets = new SortedDictionary<string, (string Address, int Port, List<ListenerEntry> Entries)>(StringComparer.Ordinal);
        var hosts = new Dictionary<ListenerEntry, SniHost>();
        foreach (var gateway in gateways)
        {
            foreach (var listener in gateway.AllListeners.Where(l => l.Programmed && l.Protocol == ListenerProtocol.Tls))
            {
                hosts[listener] = Host(ctx, listener);
                foreach (var address in gateway.Addresses)
                {
                    var id = ListenerConflicts.SocketKey(address, listener.Port);
                    if (!sockets.TryGetValue(id, out var socket))
                    {
                        sockets[id] = socket = (address, listener.Port, []);
                    }

                    socket.Entries.Add(listener);
                }
            }
        }

        var clusterIds = new List<string>();
        foreach (var (id, socket) in sockets)
        {
            var ordered = socket.Entries
                .OrderBy(l => l.Hostname, Comparer<string?>.Create(Hostnames.CompareSpecificity))
                .ThenBy(l => l.Id, StringComparer.Ordinal)
                .ToList();
            foreach (var listener in ordered)
            {
                clusterIds.AddRange(hosts[listener].Routes.SelectMany(r => r.Backends).Where(b => !b.Rejected).Select(b => b.ClusterId));
            }

            ctx.TlsListeners.Add(new TlsListener
            {
                Id = id,
                Address = socket.Address,
                Port = socket.Port,
                Hosts = [.. ordered.Select(l => hosts[l])],
                Owners = [.. ordered.Select(l => l.Id).Order(StringComparer.Ordinal)],
            });
        }

        // An HTTPRoute may already have added the same Service port; it is the same cluster.
        var existing = clusters.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        clusters.AddRange(backends.Clusters(clusterIds).Where(c => existing.Add(c.Id)));
    }

    private static SniHost Host(TranslationContext ctx, ListenerEntry listener)
    {
        var routes = ImmutableArray.CreateBuilder<SniRoute>();
        var owners = new Dictionary<string, TlsRouteCandidate>(StringComparer.OrdinalIgnoreCase);
        var ordered = listener.TlsRoutes
            .OrderBy(c => c.Hostname, Comparer<string?>.Create(Hostnames.CompareSpecificity))
            .ThenBy(c => c.RouteCreated)
            .ThenBy(c => c.Route, StringComparer.Ordinal);
        foreach (var candidate in ordered)
        {
            var hostname = candidate.Hostname ?? "*";
            if (owners.TryGetValue(hostname, out var owner))
            {
                ctx.Warn(candidate.Key, "spec.hostnames", $"hostname {candidate.Hostname ?? "(any)"} on listener {listener.Id} is served by TLSRoute {owner.Route}, which takes precedence (created earlier, or at the same time and first by namespace/name); this route receives none of its connections");
                continue;
            }

            owners[hostname] = candidate;
            routes.Add(new SniRoute
            {
                Id = candidate.Id,
                Route = candidate.Route,
                Hostname = candidate.Hostname,
                Backends = candidate.Backends,
            });
        }

        var passthrough = listener.IsPassthrough;
        return new SniHost
        {
            Id = listener.Id,
            Hostname = listener.Hostname,
            Mode = passthrough ? TlsMode.Passthrough : TlsMode.Terminate,
            Certificates = passthrough ? [] : [.. listener.Certificates],
            Routes = routes.ToImmutable(),
        };
    }
}
