using System.Globalization;
using k8s.Models;
using Switchyard.Ir.ServiceProxy;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// A cluster-internal (or node port / load-balancer) address: the Service frontend it is, as the L4 Service proxy
/// serves it from the IR, and the endpoints that frontend forwards to (internal or external traffic policy applied).
/// </summary>
internal static class ServicePathStep
{
    public static List<(V1Pod Pod, int Port)>? Run(TraceState state, ServiceProxyRule rule, ServiceProxyFrontend frontend)
    {
        var external = frontend.IsExternal;
        var receivers = rule.Endpoints
            .Where(e => external ? e.ReceivesExternal : e.ReceivesInternal)
            .Select(e => new EndpointReceiver(e.Address, e.Port, e.TargetRef, e.Ready ? "ready" : e.Serving ? "terminating but serving: used only because no endpoint is ready" : "not ready", e.Ready))
            .ToList();
        var hop = state.Add("frontend", HopResult.Ok, $"{frontend.Address}:{frontend.Port.ToString(CultureInfo.InvariantCulture)} is the {Kind(frontend.Kind)} of Service {rule.Service} ({rule.Protocol.ToString().ToUpperInvariant()}, proxied at L4: no HTTP routing)");
        hop.Data["service"] = rule.Service;
        hop.Data["frontend"] = frontend.Kind.ToString();
        hop.Data["address"] = frontend.Address;
        hop.Data["port"] = frontend.Port;
        var notes = new List<string>();
        if (external)
        {
            hop.Detail(rule.ExternalTrafficPolicyLocal
                ? "externalTrafficPolicy Local: the client's source IP is kept; only endpoints on the receiving node get traffic"
                : "externalTrafficPolicy Cluster: connections may be forwarded to another node and source-NATed: endpoints see a node address, not the client's (Local keeps it)");
        }
        else if (rule.InternalTrafficPolicyLocal)
        {
            hop.Detail("internalTrafficPolicy Local: only endpoints on the client's node get traffic");
        }

        if (rule.ClientIPAffinitySeconds is { } affinity)
        {
            hop.Detail($"sessionAffinity ClientIP: a client stays on its endpoint for {affinity.ToString(CultureInfo.InvariantCulture)} s");
        }

        var slash = rule.Service.IndexOf('/', StringComparison.Ordinal);
        var servicePort = ServicePort(rule.Id);
        var pods = ServiceStep.Run(state, rule.Service[..slash], rule.Service[(slash + 1)..], servicePort, receivers, notes);
        if (pods is null)
        {
            state.Stopped = true;
            state.Verdict = receivers.Count > 0
                ? $"stale: only terminating Pods of Service {rule.Service} get the connections"
                : $"connection refused or timeout: Service {rule.Service} has no endpoint for this frontend";
            return null;
        }

        state.Served = true;
        state.Verdict = $"served by Service {rule.Service} ({receivers.Count} endpoint(s))";
        return pods;
    }

    // service/<ns>/<name>/port/<port>[/udp]
    private static int ServicePort(string id) =>
        int.TryParse(id.Split('/')[4], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0;

    private static string Kind(ServiceProxyFrontendKind kind) => kind switch
    {
        ServiceProxyFrontendKind.ClusterIP => "cluster IP",
        ServiceProxyFrontendKind.ExternalIP => "external IP",
        ServiceProxyFrontendKind.NodePort => "node port",
        _ => "load-balancer address",
    };
}
