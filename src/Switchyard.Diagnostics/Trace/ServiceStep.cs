using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// A Service port and its endpoints: which ones the data plane sends traffic to (from the IR, i.e. what it really
/// uses) and, for the others, why not (from the EndpointSlices and the Pods: not ready, terminating, probe failing...);
/// Pods the selector picks that have no endpoint at all are listed with the reason.
/// </summary>
internal static class ServiceStep
{
    /// <summary>
    /// Adds the hop; returns the Pods of the receiving endpoints (for NetworkPolicy), or null when no ready endpoint
    /// receives traffic (none at all, or only terminating ones as a fallback: stale Pods serve).
    /// </summary>
    public static List<(V1Pod Pod, int Port)>? Run(TraceState state, string ns, string name, int port, IReadOnlyList<EndpointReceiver> receivers, IEnumerable<string> notes)
    {
        var context = state.Context;
        var service = context.Store.Get<V1Service>(string.Empty, "Service", ns, name);
        state.Touch("Service", ns, name);
        if (service is null)
        {
            state.Add("service", HopResult.Failed, $"Service {ns}/{name} does not exist");
            return null;
        }

        var servicePort = (service.Spec?.Ports ?? []).FirstOrDefault(p => p.Port == port);
        var portName = servicePort?.Name ?? string.Empty;
        var portText = port.ToString(CultureInfo.InvariantCulture) + (portName.Length > 0 ? " (" + portName + ")" : string.Empty)
            + (servicePort?.TargetPort is { } target ? " → targetPort " + target.Value : string.Empty);
        var lines = new List<string>();
        var endpoints = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pods = new List<(V1Pod Pod, int Port)>();
        var total = 0;
        foreach (var slice in context.SlicesOf(service))
        {
            state.Touch("EndpointSlice", ns, slice.Metadata.Name);
            var slicePort = (slice.Ports ?? []).FirstOrDefault(p => string.Equals(p.Name ?? string.Empty, portName, StringComparison.Ordinal));
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                var podName = endpoint.TargetRef is { Kind: "Pod" } targetRef ? targetRef.Name : null;
                var pod = podName is null ? null : context.Store.Get<V1Pod>(string.Empty, "Pod", endpoint.TargetRef!.NamespaceProperty ?? ns, podName);
                if (pod is not null)
                {
                    seen.Add(pod.Metadata.Name);
                    state.Touch("Pod", pod.Metadata.NamespaceProperty, pod.Metadata.Name);
                }

                var address = endpoint.Addresses?.FirstOrDefault();
                if (address is null)
                {
                    continue;
                }

                total++;
                var who = pod is null ? string.Empty : " Pod " + pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name;
                if (slicePort?.Port is not int endpointPort)
                {
                    lines.Add($"✘ {address}{who}: EndpointSlice {slice.Metadata.Name} has no port {(portName.Length > 0 ? portName : "(unnamed)")}: the Pods declare no matching container port");
                    endpoints.Add(Endpoint(address, null, pod, false, "no port " + portName + " in the EndpointSlice", slice));
                    continue;
                }

                var receiver = receivers.FirstOrDefault(r => string.Equals(r.Address, address, StringComparison.Ordinal) && r.Port == endpointPort);
                var at = address + ":" + endpointPort.ToString(CultureInfo.InvariantCulture);
                if (receiver is not null)
                {
                    if (pod is not null)
                    {
                        pods.Add((pod, endpointPort));
                    }

                    var note = receiver.Note ?? (endpoint.Conditions?.Ready == false ? "receives traffic although not ready" : "ready");
                    lines.Add($"✔ {at}{who} {note} (EndpointSlice {slice.Metadata.Name})");
                    endpoints.Add(Endpoint(address, endpointPort, pod, true, note, slice));
                }
                else
                {
                    var reason = endpoint.Conditions?.Ready != false && endpoint.Conditions?.Terminating != true
                        ? "ready, but not used by this frontend (traffic policy Local: on another node)"
                        : EndpointReasons.NotReady(pod, endpoint.Conditions);
                    lines.Add($"✘ {at}{who} {reason} (EndpointSlice {slice.Metadata.Name})");
                    endpoints.Add(Endpoint(address, endpointPort, pod, false, reason, slice));
                }
            }
        }

        foreach (var pod in context.Selected(service))
        {
            if (seen.Contains(pod.Metadata.Name))
            {
                continue;
            }

            state.Touch("Pod", pod.Metadata.NamespaceProperty, pod.Metadata.Name);
            var reason = EndpointReasons.Missing(pod) ?? "selected, but in no EndpointSlice of the Service";
            lines.Add($"✘ Pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}: no endpoint: {reason}");
            endpoints.Add(Endpoint(null, null, pod, false, reason, null));
        }

        var receiving = endpoints.Count(e => e!["receives"]!.GetValue<bool>());
        var ready = receivers.Count(r => r.Ready && endpoints.Any(e => e!["receives"]!.GetValue<bool>() && Equals(e["address"]?.GetValue<string>(), r.Address) && e["port"]?.GetValue<int>() == r.Port));
        string summary;
        if (string.Equals(service.Spec?.Type, "ExternalName", StringComparison.Ordinal))
        {
            summary = $"Service {ns}/{name} is an ExternalName ({service.Spec!.ExternalName}): a DNS alias with no endpoints";
        }
        else if (total == 0 && service.Spec?.Selector is not { Count: > 0 })
        {
            summary = $"Service {ns}/{name} port {portText}: no selector and no EndpointSlice: no endpoints";
            lines.Add($"add an EndpointSlice labelled kubernetes.io/service-name={name}, or a selector");
        }
        else if (total == 0 && seen.Count == 0 && context.Selected(service).Count == 0)
        {
            summary = $"Service {ns}/{name} port {portText}: selector {Check.Labels.Format(service.Spec!.Selector)} matches no Pod";
        }
        else if (receiving > 0 && ready == 0)
        {
            summary = $"Service {ns}/{name} port {portText}: no endpoint is ready; {receiving} terminating endpoint(s) still get traffic (old Pods serve)";
        }
        else
        {
            summary = $"Service {ns}/{name} port {portText}: {receiving} of {endpoints.Count} endpoint(s) receive traffic";
        }

        var hop = state.Add("service", ready > 0 ? HopResult.Ok : HopResult.Failed, summary);
        foreach (var note in notes)
        {
            hop.Detail(note);
        }

        lines.ForEach(l => hop.Detail(l));
        hop.Data["service"] = ns + "/" + name;
        hop.Data["port"] = port;
        hop.Data["portName"] = portName;
        hop.Data["endpoints"] = endpoints;
        return ready > 0 ? pods : null;
    }

    private static JsonObject Endpoint(string? address, int? port, V1Pod? pod, bool receives, string state, V1EndpointSlice? slice) => new()
    {
        ["address"] = address,
        ["port"] = port,
        ["pod"] = pod is null ? null : pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name,
        ["endpointSlice"] = slice?.Metadata.Name,
        ["receives"] = receives,
        ["state"] = state,
    };
}
