using System.Globalization;
using k8s.Models;

namespace Switchyard.Diagnostics.Trace;

/// <summary>Why a Pod's endpoint gets no traffic, from the Pod's own status: terminating, not Ready and why, probes.</summary>
internal static class EndpointReasons
{
    public static string NotReady(V1Pod? pod, V1EndpointConditions? conditions)
    {
        if (pod is null)
        {
            return $"EndpointSlice says ready={Text(conditions?.Ready)}, serving={Text(conditions?.Serving)}, terminating={Text(conditions?.Terminating)} (no such Pod in the manifests)";
        }

        var reasons = new List<string>();
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            reasons.Add("terminating (deletionTimestamp set)");
        }

        var phase = pod.Status?.Phase;
        if (phase is "Pending")
        {
            reasons.Add("Pod is Pending");
        }

        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c is not null && string.Equals(c.Type, "Ready", StringComparison.Ordinal));
        if (ready is null)
        {
            reasons.Add("the Pod reports no Ready condition");
        }
        else if (!string.Equals(ready.Status, "True", StringComparison.Ordinal))
        {
            reasons.Add($"Ready={ready.Status}{(string.IsNullOrEmpty(ready.Reason) ? string.Empty : " (" + ready.Reason + ")")}{(string.IsNullOrEmpty(ready.Message) ? string.Empty : ": " + ready.Message)}");
        }

        reasons.AddRange(Containers(pod));
        return reasons.Count == 0 ? "not ready" : string.Join("; ", reasons);
    }

    /// <summary>Why a Pod a Service selects has no endpoint for its port at all, or null when it has one.</summary>
    public static string? Missing(V1Pod pod)
    {
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return $"finished (phase {pod.Status.Phase}): never an endpoint";
        }

        if (string.IsNullOrEmpty(pod.Status?.PodIP) && pod.Status?.PodIPs is not { Count: > 0 })
        {
            return $"no Pod IP yet (phase {pod.Status?.Phase ?? "unknown"}): not scheduled or still starting";
        }

        return null;
    }

    private static IEnumerable<string> Containers(V1Pod pod)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var status = statuses.FirstOrDefault(s => string.Equals(s.Name, container.Name, StringComparison.Ordinal));
            if (status?.State?.Waiting is { } waiting)
            {
                yield return $"container {container.Name} waiting: {waiting.Reason}{(string.IsNullOrEmpty(waiting.Message) ? string.Empty : " (" + waiting.Message + ")")}";
            }
            else if (status?.State?.Terminated is { } terminated)
            {
                yield return $"container {container.Name} terminated: {terminated.Reason} (exit code {terminated.ExitCode.ToString(CultureInfo.InvariantCulture)})";
            }
            else if (status is { Ready: false } && container.ReadinessProbe is { } probe)
            {
                yield return $"container {container.Name} readinessProbe {Probe(probe)} failing";
            }
        }
    }

    public static string Probe(V1Probe probe)
    {
        if (probe.HttpGet is { } http)
        {
            return $"httpGet :{http.Port?.Value}{http.Path ?? "/"}";
        }

        if (probe.TcpSocket is { } tcp)
        {
            return $"tcpSocket :{tcp.Port?.Value}";
        }

        if (probe.Grpc is { } grpc)
        {
            return $"grpc :{grpc.Port.ToString(CultureInfo.InvariantCulture)}";
        }

        return probe.Exec is { } exec ? "exec " + string.Join(' ', exec.Command ?? []) : "(no handler)";
    }

    private static string Text(bool? value) => value is null ? "unset" : value.Value ? "true" : "false";
}
