using k8s.Models;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// The status of our Ingresses: <c>status.loadBalancer.ingress</c> lists the address (and ports) of each Ingress
/// listener that serves some rule of the Ingress; an Ingress served nowhere gets an empty load balancer status.
/// </summary>
internal static class IngressStatuses
{
    public static void Set(TranslationContext ctx, IReadOnlyList<IngressEntry> entries)
    {
        var http = ctx.Options.IngressHttp;
        var https = ctx.Options.IngressHttps;
        foreach (var entry in entries)
        {
            var served = new List<(string Address, int Port)>();
            if (entry.ServedOnHttp && http is not null)
            {
                served.Add((IngressListeners.Address(http), http.Port));
            }

            if (entry.ServedOnHttps && https is not null)
            {
                served.Add((IngressListeners.Address(https), https.Port));
            }

            var ingress = served
                .GroupBy(s => s.Address, StringComparer.Ordinal)
                .Select(g => new V1IngressLoadBalancerIngress
                {
                    Ip = g.Key,
                    Ports = [.. g.Select(s => new V1IngressPortStatus { Port = s.Port, Protocol = "TCP" })],
                })
                .ToList();
            ctx.SetStatus(entry.Key, new V1IngressStatus
            {
                LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = ingress.Count == 0 ? null : ingress },
            });
        }
    }
}
