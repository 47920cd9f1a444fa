using System.Globalization;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Makes the listeners on each socket distinct. Within one Gateway (or one ListenerSet), every listener involved in a
/// conflict is refused (the spec forbids picking a winner). Between a Gateway's listeners and those of its ListenerSets,
/// listener precedence decides: the Gateway's own first, then ListenerSets oldest first (GEP-1713). Across Gateways merged onto one socket, the older Gateway keeps the socket and
/// the newer Gateway's conflicting listeners are refused, so adding a Gateway cannot break one that already works.
/// Also flags HTTPS listeners on a socket whose hostnames overlap (OverlappingTLSConfig).
/// </summary>
internal static class ListenerConflicts
{
    /// <param name="gateways">Our Gateways, oldest first.</param>
    public static void Resolve(IReadOnlyList<GatewayEntry> gateways)
    {
        var sockets = new Dictionary<string, List<ListenerEntry>>(StringComparer.Ordinal);
        foreach (var gateway in gateways)
        {
            if (!gateway.Accepted)
            {
                continue;
            }

            // The merged listener list in precedence order (GEP-1713): the Gateway's own listeners, then each attached
            // ListenerSet's. An earlier listener keeps its socket and a later conflicting one is refused.
            Claim(gateway.Listeners, sockets, withinObject: true);
            foreach (var listenerSet in gateway.ListenerSets)
            {
                Claim(listenerSet.Listeners, sockets, withinObject: false);
            }
        }

        foreach (var claimed in sockets.Values)
        {
            FlagOverlappingTls(claimed);
        }
    }

    /// <summary>
    /// The listeners of one object claim their sockets. A Gateway's own listeners that conflict with each other are all
    /// refused (<paramref name="withinObject"/>); a ListenerSet's are taken one by one in list order, like the merged
    /// list, so an earlier listener of the same ListenerSet wins too (as the ListenerSet conformance tests expect).
    /// </summary>
    private static void Claim(List<ListenerEntry> listeners, Dictionary<string, List<ListenerEntry>> sockets, bool withinObject)
    {
        if (withinObject)
        {
            WithinGateway([.. listeners.Where(l => l.NotAccepted is null)]);
        }

        foreach (var listener in listeners)
        {
            if (listener.Conflict is not null || listener.Port is < 1 or > 65535)
            {
                continue;
            }

            // A ListenerSet listener of a protocol we do not serve (TCP, UDP) on a port already served with another
            // protocol is reported as the ProtocolConflict it is, which says more than UnsupportedProtocol; it never
            // claims the port.
            var unsupported = listener.Protocol is null && !withinObject
                && listener.NotAccepted?.Reason == ListenerConditions.UnsupportedProtocol;
            if (listener.NotAccepted is not null && !unsupported)
            {
                continue;
            }

            var addresses = listener.Gateway.Addresses;
            foreach (var address in addresses)
            {
                if (sockets.TryGetValue(SocketKey(address, listener.Port), out var claimed) && Against(listener, claimed) is { } conflict)
                {
                    listener.Conflict = conflict;
                    break;
                }
            }

            if (listener.Conflict is not null || unsupported)
            {
                continue;
            }

            foreach (var address in addresses)
            {
                var key = SocketKey(address, listener.Port);
                if (!sockets.TryGetValue(key, out var claimed))
                {
                    sockets[key] = claimed = [];
                }

                claimed.Add(listener);
            }
        }
    }

    public static string SocketKey(string address, int port) =>
        (address.Contains(':', StringComparison.Ordinal) ? "[" + address + "]" : address) + ":" + port.ToString(CultureInfo.InvariantCulture);

    private static void WithinGateway(List<ListenerEntry> listeners)
    {
        foreach (var listener in listeners)
        {
            var protocolClash = listeners.Where(o => o != listener && o.Port == listener.Port && o.Protocol != listener.Protocol).Select(o => o.Name).ToList();
            if (protocolClash.Count > 0)
            {
                listener.Conflict = new Problem(ListenerConditions.ProtocolConflict, $"port {listener.Port.ToString(CultureInfo.InvariantCulture)} is also used with another protocol by listener(s) {string.Join(", ", protocolClash)}");
                continue;
            }

            var hostnameClash = listeners.Where(o => o != listener && o.Port == listener.Port && string.Equals(o.Hostname, listener.Hostname, StringComparison.Ordinal)).Select(o => o.Name).ToList();
            if (hostnameClash.Count > 0)
            {
                listener.Conflict = new Problem(ListenerConditions.HostnameConflict, $"listener(s) {string.Join(", ", hostnameClash)} use the same port, protocol and hostname {listener.Hostname ?? "(any)"}");
            }
        }
    }

    private static Problem? Against(ListenerEntry listener, List<ListenerEntry> claimed)
    {
        foreach (var other in claimed)
        {
            if (other.Protocol != listener.Protocol)
            {
                return new Problem(ListenerConditions.ProtocolConflict, $"port {listener.Port.ToString(CultureInfo.InvariantCulture)} is already served with protocol {other.Spec.Protocol} by {Describe(other, listener)}");
            }
        }

        foreach (var other in claimed)
        {
            if (string.Equals(other.Hostname, listener.Hostname, StringComparison.Ordinal))
            {
                return new Problem(ListenerConditions.HostnameConflict, $"hostname {listener.Hostname ?? "(any)"} on port {listener.Port.ToString(CultureInfo.InvariantCulture)} is already served by {Describe(other, listener)}");
            }
        }

        return null;
    }

    /// <summary>
    /// The listener that keeps the socket, as told to the one refused. A ListenerSet in another namespace is not named:
    /// its owner may be another team, whose objects the refused listener's owner need not see (GEP-1713).
    /// </summary>
    private static string Describe(ListenerEntry winner, ListenerEntry loser)
    {
        if (winner.ListenerSet is not { } set)
        {
            return "listener " + winner.Id;
        }

        return string.Equals(set.Namespace, loser.OwnerNamespace, StringComparison.Ordinal)
            ? $"listener {winner.Name} of ListenerSet {set.Namespace}/{set.Name}"
            : "a listener of a ListenerSet in another namespace attached to the same Gateway";
    }

    private static void FlagOverlappingTls(List<ListenerEntry> claimed)
    {
        foreach (var listener in claimed)
        {
            if (listener.Protocol != ListenerProtocol.Https)
            {
                continue;
            }

            foreach (var other in claimed)
            {
                if (other != listener && other.Protocol == ListenerProtocol.Https && Hostnames.Overlap(listener.Hostname, other.Hostname)
                    && !listener.OverlappingWith.Contains(other.Id, StringComparer.Ordinal))
                {
                    listener.OverlappingWith.Add(other.Id);
                }
            }
        }
    }
}
