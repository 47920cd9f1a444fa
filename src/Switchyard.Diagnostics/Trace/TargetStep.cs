using System.Globalization;
using System.Net;
using k8s.Models;
using Switchyard.Ir.ServiceProxy;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// Where a resolved address and the URL's port lead, most specific first: a Service frontend (cluster IP, node port,
/// load-balancer or external IP, as the L4 proxy serves them), a listener bound to that very address, a listener bound
/// to every address, a Pod's own IP; otherwise nothing answers.
/// </summary>
internal static class TargetStep
{
    public static void Run(TraceState state, Resolution resolution)
    {
        if (resolution.AliasOf is not null)
        {
            state.Touch("Service", NamespaceOf(resolution.AliasOf, state.ClusterDomain), resolution.AliasOf.Split('.')[0]);
            state.Stopped = true;
            state.Verdict = $"leaves the cluster: connections go to {resolution.Name} (not traced further)";
            state.Add("external", HopResult.Info, $"the client connects to {resolution.Name} itself: no Switchyard proxy or endpoint of the manifests is involved")
                .Detail("the Host header stays " + state.Request.Authority + ": the external server must accept that name");
            PolicyStep.RunOutside(state, state.Request.Port, resolution.Name!.TrimEnd('.'), gateway: false);
            return;
        }

        if (resolution.Upstream)
        {
            GatewayPath(state, null);
            return;
        }

        var address = Canonical(resolution.Addresses[0]);
        var port = state.Request.Port;
        var rules = state.Snapshot.ServiceProxy.Where(r => r.Protocol == ServiceProxyProtocol.Tcp).ToList();
        foreach (var rule in rules)
        {
            foreach (var frontend in rule.Frontends)
            {
                if (frontend.Port == port && string.Equals(Canonical(frontend.Address), address, StringComparison.Ordinal))
                {
                    var pods = ServicePathStep.Run(state, rule, frontend);
                    if (pods is not null)
                    {
                        PolicyStep.Run(state, pods);
                    }

                    return;
                }
            }
        }

        var listeners = ListenerStep.OnAddress(state.Snapshot, address).ToList();
        if (listeners.Any(l => l.Port == port))
        {
            GatewayPath(state, address);
            return;
        }

        if (PodPathStep.Find(state, address) is { } pod)
        {
            if (PodPathStep.Run(state, pod, address))
            {
                PolicyStep.Run(state, [(pod, port)]);
            }

            return;
        }

        var services = rules.Where(r => r.Frontends.Any(f => string.Equals(Canonical(f.Address), address, StringComparison.Ordinal))).ToList();
        if (services.Count > 0)
        {
            var ports = string.Join(", ", services.SelectMany(r => r.Frontends.Where(f => string.Equals(Canonical(f.Address), address, StringComparison.Ordinal)).Select(f => f.Port.ToString(CultureInfo.InvariantCulture))).Distinct());
            state.Fail("frontend", $"Service {services[0].Service} has {address} but no port {port.ToString(CultureInfo.InvariantCulture)} (its ports there: {ports}): the connection is refused or times out",
                "connection refused: no Service port " + port.ToString(CultureInfo.InvariantCulture));
            state.Touch("Service", services[0].Service.Split('/')[0], services[0].Service.Split('/')[1]);
            return;
        }

        if (listeners.Count > 0)
        {
            GatewayPath(state, address);
            return;
        }

        var hop = state.Fail("frontend", $"nothing has address {address}: no Service, listener or Pod; the connection times out",
            "timeout: no Service, listener or Pod has address " + address);
        foreach (var service in state.Context.Store.OfType<V1Service>().Where(s => (s.Spec?.ClusterIPs ?? []).Any(ip => string.Equals(ip, address, StringComparison.Ordinal))))
        {
            hop.Detail($"Service {service.Metadata.NamespaceProperty}/{service.Metadata.Name} lists it but has no frontend for it");
        }

        hop.Detail("a hard-coded address goes stale when its Service is re-created: use the Service's DNS name (check rule SY201)");
    }

    private static void GatewayPath(TraceState state, string? address)
    {
        // The client's own egress comes first: a denied connection never reaches the listener.
        PolicyStep.RunOutside(state, state.Request.Port, "gateway", gateway: true);
        if (state.Stopped
            || ListenerStep.Run(state, address) is not { } listener
            || RouteStep.Run(state, listener) is not { } matched
            || !FilterStep.Run(state, listener, matched))
        {
            return;
        }

        BackendStep.Run(state, matched.Rule);
    }

    // <svc>.<ns>.svc.<zone>.
    private static string NamespaceOf(string name, string zone)
    {
        var labels = name.TrimEnd('.').Split('.');
        return labels.Length > 2 && name.TrimEnd('.').EndsWith(".svc." + zone, StringComparison.OrdinalIgnoreCase) ? labels[1] : string.Empty;
    }

    private static string Canonical(string address) => IPAddress.TryParse(address, out var ip) ? ip.ToString() : address;
}
