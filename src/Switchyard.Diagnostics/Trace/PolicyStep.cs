using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// With <c>--from-pod</c>: the NetworkPolicy verdict, with the evaluation <c>check</c> uses — the client Pod's egress
/// and each receiving Pod's ingress, per port. Through the gateway only the client's egress to the listener is
/// judged (the gateway is not a Pod of the manifests).
/// </summary>
internal static class PolicyStep
{
    public static void Run(TraceState state, IReadOnlyList<(V1Pod Pod, int Port)> targets)
    {
        if (state.Client is not { } client)
        {
            return;
        }

        if (state.Policies is not { } policies)
        {
            state.Add("networkpolicy", HopResult.Ok, "no NetworkPolicy in the manifests: every connection is allowed");
            return;
        }

        var lines = new List<string>();
        var verdicts = new JsonArray();
        var denied = 0;
        foreach (var (pod, port) in targets.DistinctBy(t => (t.Pod.Metadata.NamespaceProperty, t.Pod.Metadata.Name, t.Port)))
        {
            var egress = policies.EgressVerdict(client, pod, port, "TCP");
            var ingress = policies.IngressVerdict(pod, client, port, "TCP");
            var allowed = egress.Allowed && ingress.Allowed;
            denied += allowed ? 0 : 1;
            var target = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}:{port.ToString(CultureInfo.InvariantCulture)}";
            lines.Add($"{(allowed ? "✔" : "✘")} {target}: {egress.Reason}; {ingress.Reason}");
            verdicts.Add(new JsonObject { ["target"] = target, ["allowed"] = allowed, ["egress"] = egress.Reason, ["ingress"] = ingress.Reason });
            Touch(state, client);
            Touch(state, pod);
        }

        var total = verdicts.Count;
        var summary = denied == 0
            ? $"allowed: {Name(client)} may connect to {total} receiving Pod(s)"
            : $"{denied} of {total} receiving Pod(s) unreachable from {Name(client)}: those connections time out";
        var hop = state.Add("networkpolicy", denied == 0 ? HopResult.Ok : HopResult.Failed, summary);
        lines.ForEach(l => hop.Detail(l));
        hop.Data["verdicts"] = verdicts;
        if (denied > 0)
        {
            state.Served = false;
            state.Verdict = denied == total ? "timeout: NetworkPolicy drops the connection" : "partly served: NetworkPolicy drops connections to some endpoints";
        }
    }

    /// <summary>
    /// The client's egress to a destination that is not a Pod — the gateway listener, or a name outside the cluster —
    /// where ipBlock rules are assumed to cover its address.
    /// </summary>
    public static void RunOutside(TraceState state, int port, string destination, bool gateway)
    {
        if (state.Client is not { } client)
        {
            return;
        }

        if (state.Policies is not { } policies)
        {
            state.Add("networkpolicy", HopResult.Ok, "no NetworkPolicy in the manifests: every connection is allowed");
            return;
        }

        var egress = policies.EgressVerdict(client, null, port, "TCP");
        Touch(state, client);
        var target = destination + ":" + port.ToString(CultureInfo.InvariantCulture);
        var hop = state.Add("networkpolicy", egress.Allowed ? HopResult.Ok : HopResult.Failed, $"{Name(client)} → {target}: {egress.Reason}");
        if (gateway)
        {
            hop.Detail("the gateway's own connections to the backends are not judged: it is not a Pod of the manifests");
        }

        hop.Data["verdicts"] = new JsonArray(new JsonObject { ["target"] = target, ["allowed"] = egress.Allowed, ["egress"] = egress.Reason });
        if (!egress.Allowed)
        {
            state.Served = false;
            state.Stopped = true;
            state.Verdict = $"timeout: NetworkPolicy drops the connection to {destination}";
        }
    }

    private static void Touch(TraceState state, V1Pod pod)
    {
        if (state.Policies is null)
        {
            return;
        }

        foreach (var policy in state.Policies.Selecting(pod, "Egress").Concat(state.Policies.Selecting(pod, "Ingress")))
        {
            state.Touch("NetworkPolicy", policy.Metadata.NamespaceProperty, policy.Metadata.Name);
        }
    }

    private static string Name(V1Pod pod) => "Pod " + pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name;
}
