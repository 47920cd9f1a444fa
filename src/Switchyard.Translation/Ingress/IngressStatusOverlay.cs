using k8s.Models;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// Reports Ingress listener sockets that could not be bound (the counterpart of GatewayStatusOverlay): in the status of
/// every Ingress that lists the socket's address and port, that port gets the error
/// <c>switchyard.dev/PortUnavailable</c>. Pure: returns a new result and leaves the input untouched.
/// </summary>
public static class IngressStatusOverlay
{
    public const string PortUnavailable = "switchyard.dev/PortUnavailable";

    /// <param name="result">A translation result.</param>
    /// <param name="failures">IR listener ids that failed to bind, with the OS error.</param>
    public static TranslationResult WithBindFailures(TranslationResult result, IReadOnlyList<(string ListenerId, string Error)> failures)
    {
        var failed = new HashSet<(string Address, int Port)>();
        foreach (var (listenerId, _) in failures)
        {
            var socket = result.Snapshot.Listeners.FirstOrDefault(l => string.Equals(l.Id, listenerId, StringComparison.Ordinal));
            if (socket is not null && socket.Owners.Any(o => o is IngressListeners.HttpOwner or IngressListeners.HttpsOwner))
            {
                failed.Add((socket.Address, socket.Port));
            }
        }

        if (failed.Count == 0)
        {
            return result;
        }

        var status = result.Status.ToBuilder();
        foreach (var (key, value) in result.Status)
        {
            if (value is not V1IngressStatus { LoadBalancer.Ingress: { } addresses })
            {
                continue;
            }

            var changed = false;
            var copy = new List<V1IngressLoadBalancerIngress>();
            foreach (var address in addresses)
            {
                var ports = new List<V1IngressPortStatus>();
                foreach (var port in address.Ports ?? [])
                {
                    var unavailable = failed.Contains((address.Ip, port.Port));
                    changed |= unavailable && port.Error != PortUnavailable;
                    ports.Add(unavailable ? new V1IngressPortStatus { Port = port.Port, Protocol = port.Protocol, Error = PortUnavailable } : port);
                }

                copy.Add(new V1IngressLoadBalancerIngress { Ip = address.Ip, Hostname = address.Hostname, Ports = ports });
            }

            if (changed)
            {
                status[key] = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = copy } };
            }
        }

        return result with { Status = status.ToImmutable() };
    }
}
