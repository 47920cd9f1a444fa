using System.Globalization;
using k8s.Models;

namespace Switchyard.EndpointSlices;

/// <summary>Resolves a Service port's targetPort against one Pod (upstream <c>podutil.FindPort</c>).</summary>
internal static class PortResolver
{
    public const string DefaultProtocol = "TCP";

    /// <summary>
    /// A numeric targetPort is used as is (unset means the Service port); a named one is looked up among the ports of
    /// the Pod's containers, then of its sidecars (init containers with restartPolicy Always), matching the protocol.
    /// </summary>
    public static bool TryFindPort(V1Pod pod, V1ServicePort servicePort, out int port)
    {
        var target = servicePort.TargetPort?.Value;
        if (string.IsNullOrEmpty(target))
        {
            port = servicePort.Port;
            return true;
        }

        if (int.TryParse(target, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out port))
        {
            // Go's defaulting replaces targetPort 0 with the Service port.
            if (port == 0)
            {
                port = servicePort.Port;
            }

            return true;
        }

        var protocol = servicePort.Protocol ?? DefaultProtocol;
        if (Find(pod.Spec?.Containers, target, protocol, sidecarsOnly: false, out port))
        {
            return true;
        }

        return Find(pod.Spec?.InitContainers, target, protocol, sidecarsOnly: true, out port);
    }

    private static bool Find(IList<V1Container>? containers, string name, string protocol, bool sidecarsOnly, out int port)
    {
        foreach (var container in containers ?? [])
        {
            if (container is null || (sidecarsOnly && !string.Equals(container.RestartPolicy, "Always", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var candidate in container.Ports ?? [])
            {
                if (candidate is not null
                    && string.Equals(candidate.Name, name, StringComparison.Ordinal)
                    && string.Equals(candidate.Protocol ?? DefaultProtocol, protocol, StringComparison.Ordinal))
                {
                    port = candidate.ContainerPort;
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }
}
