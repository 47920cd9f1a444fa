using System.Globalization;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Makes the listeners on each socket distinct. Within one Gateway, every listener involved in a conflict is refused
/// (the spec forbids picking a winner). Across Gateways merged onto one socket, the older Gateway keeps the socket and
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

            var candidates = gateway.Listeners.Where(l => l.NotAccepted is null).ToList();
            WithinGateway(candidates);
            foreach (var listener in candidates)
            {
                if (listener.Conflict is not null)
                {
                    continue;
                }

                foreach (var address in gateway.Addresses)
                {
                    if (sockets.TryGetValue(SocketKey(address, listener.Port), out var claimed) && Against(listener, claimed) is { } conflict)
                    {
                        listener.Conflict = conflict;
                        break;
                    }
                }

                if (listener.Conflict is not null)
                {
                    continue;
                }

                foreach (var address in gateway.Addresses)
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

        foreach (var claimed in sockets.Values)
        {
            FlagOverlappingTls(claimed);
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
                return new Problem(ListenerConditions.ProtocolConflict, $"port {listener.Port.ToString(CultureInfo.InvariantCulture)} is already served with protocol {other.Spec.Protocol} by listener {other.Id}");
            }
        }

        foreach (var other in claimed)
        {
            if (string.Equals(other.Hostname, listener.Hostname, StringComparison.Ordinal))
            {
                return new Problem(ListenerConditions.HostnameConflict, $"hostname {listener.Hostname ?? "(any)"} on port {listener.Port.ToString(CultureInfo.InvariantCulture)} is already served by listener {other.Id}");
            }
        }

        return null;
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
