using System.Collections.Immutable;
using Switchyard.Ir;
using Switchyard.Translation.Backends;
using IrListener = Switchyard.Ir.Listener;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Builds the IR for our programmed Gateway listeners: one IR listener per address:port, one virtual host per Gateway
/// listener on it (most specific hostname first), rules in precedence order, and the clusters those rules use.
/// </summary>
internal static class GatewayIr
{
    public static void Build(IReadOnlyList<GatewayEntry> gateways, ServiceBackends backends, List<IrListener> listeners, List<BackendCluster> clusters)
    {
        var sockets = new SortedDictionary<string, (string Address, int Port, List<ListenerEntry> Entries)>(StringComparer.Ordinal);
        foreach (var gateway in gateways)
        {
            // TLS listeners are routed by SNI: TlsRouteIr builds their sockets.
            foreach (var listener in gateway.AllListeners.Where(l => l.Programmed && l.Protocol != ListenerProtocol.Tls))
            {
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
            // Gateway API: an HTTPS listener's hostname should match both the SNI name and the Host header.
            var virtualHosts = ordered
                .Select(l => new VirtualHost
                {
                    Id = l.Id,
                    Hostname = l.Hostname,
                    Rules = WithClientCertificate(Rules(l.Candidates), l.Gateway, backends),
                    RejectMisdirected = l.Protocol == ListenerProtocol.Https,
                })
                .ToImmutableArray();
            foreach (var rule in virtualHosts.SelectMany(v => v.Rules))
            {
                clusterIds.AddRange(rule.Action.Backends.Where(b => b.DirectResponse is null).Select(b => b.ClusterId));
                clusterIds.AddRange(rule.Action.Mirrors.Select(m => m.ClusterId));
            }

            var listener = new IrListener
            {
                Id = id,
                Address = socket.Address,
                Port = socket.Port,
                // Conflict resolution leaves one protocol per socket.
                Protocol = ordered[0].Protocol!.Value,
                Certificates = [.. ordered.SelectMany(l => l.Certificates)],
                VirtualHosts = virtualHosts,
                Owners = [.. ordered.Select(l => l.Id).Order(StringComparer.Ordinal)],
            };
            Merge(listeners, listener);
        }

        // Another step may already have added a cluster for the same Service port; it is the same cluster.
        var existing = clusters.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        clusters.AddRange(backends.Clusters(clusterIds).Where(c => existing.Add(c.Id)));
    }

    /// <summary>Sorts candidates by precedence and merges neighbours from the same rule match back into one IR rule.</summary>
    public static ImmutableArray<RouteRule> Rules(IEnumerable<RouteCandidate> candidates)
    {
        var sorted = candidates.Order(RoutePrecedence.Instance).ToList();
        var rules = ImmutableArray.CreateBuilder<RouteRule>();
        for (var i = 0; i < sorted.Count;)
        {
            var first = sorted[i];
            var hostnames = ImmutableArray.CreateBuilder<string>();
            var j = i;
            for (; j < sorted.Count && string.Equals(sorted[j].Id, first.Id, StringComparison.Ordinal); j++)
            {
                if (sorted[j].Hostname is { } hostname)
                {
                    hostnames.Add(hostname);
                }
            }

            rules.Add(new RouteRule
            {
                Id = first.Id,
                Route = first.Route,
                RuleIndex = first.RuleIndex,
                RuleName = first.RuleName,
                Hostnames = hostnames.ToImmutable(),
                Match = first.Match,
                Action = first.Action,
            });
            i = j;
        }

        return rules.ToImmutable();
    }

    /// <summary>
    /// Rules of a Gateway with a backend client certificate use copies of the TLS clusters that present it; the same
    /// Service port reached through another Gateway keeps its own.
    /// </summary>
    private static ImmutableArray<RouteRule> WithClientCertificate(ImmutableArray<RouteRule> rules, GatewayEntry gateway, ServiceBackends backends)
    {
        if (gateway.BackendClientCertificate is not { } certificate)
        {
            return rules;
        }

        return [.. rules.Select(rule => rule with
        {
            Action = rule.Action with
            {
                Backends = [.. rule.Action.Backends.Select(b => b.DirectResponse is null ? b with { ClusterId = backends.WithClientCertificate(b.ClusterId, certificate) } : b)],
                Mirrors = [.. rule.Action.Mirrors.Select(m => m with { ClusterId = backends.WithClientCertificate(m.ClusterId, certificate) })],
            },
        })];
    }

    // Another step (Ingress) may already serve this socket; its virtual hosts and certificates are kept alongside ours.
    private static void Merge(List<IrListener> listeners, IrListener listener)
    {
        var index = listeners.FindIndex(l => string.Equals(l.Id, listener.Id, StringComparison.Ordinal));
        if (index < 0)
        {
            listeners.Add(listener);
            return;
        }

        var existing = listeners[index];
        listeners[index] = existing with
        {
            Certificates = existing.Certificates.AddRange(listener.Certificates),
            VirtualHosts = existing.VirtualHosts.AddRange(listener.VirtualHosts),
            Owners = [.. existing.Owners.Concat(listener.Owners).Order(StringComparer.Ordinal)],
        };
    }
}
