using System.Globalization;
using k8s.Models;

namespace Switchyard.Diagnostics.Trace;

/// <summary>An address that is a Pod's own IP (a headless Service's answer, or a literal): straight to the Pod, no proxy.</summary>
internal static class PodPathStep
{
    public static V1Pod? Find(TraceState state, string address) =>
        state.Context.Store.OfType<V1Pod>().FirstOrDefault(p =>
            string.Equals(p.Status?.PodIP, address, StringComparison.Ordinal) || (p.Status?.PodIPs ?? []).Any(i => string.Equals(i?.Ip, address, StringComparison.Ordinal)));

    public static bool Run(TraceState state, V1Pod pod, string address)
    {
        var port = state.Request.Port;
        var name = pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name;
        state.Touch("Pod", pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        var declared = (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Any(p => p.ContainerPort == port);
        var ready = EndpointReasons.Missing(pod) is null && pod.Metadata.DeletionTimestamp is null
            && (pod.Status?.Conditions ?? []).Any(c => c is { Type: "Ready", Status: "True" });
        var at = address + ":" + port.ToString(CultureInfo.InvariantCulture);
        TraceHop hop;
        if (ready)
        {
            hop = state.Add("pod", HopResult.Ok, $"{at} is Pod {name} (direct: no Service, no proxy); the Pod is ready");
            state.Served = true;
            state.Verdict = "served by Pod " + name;
        }
        else
        {
            hop = state.Add("pod", HopResult.Failed, $"{at} is Pod {name}, which is not ready: {EndpointReasons.Missing(pod) ?? EndpointReasons.NotReady(pod, null)}");
            state.Stopped = true;
            state.Verdict = "connection refused or timeout: Pod " + name + " is not ready";
        }

        if (!declared)
        {
            hop.Detail($"no container of the Pod declares port {port.ToString(CultureInfo.InvariantCulture)}: the connection is refused unless a process listens on it anyway");
        }

        hop.Data["pod"] = name;
        hop.Data["address"] = address;
        hop.Data["port"] = port;
        return ready;
    }
}
