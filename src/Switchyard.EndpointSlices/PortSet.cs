using System.Globalization;
using System.Text;
using k8s.Models;

namespace Switchyard.EndpointSlices;

/// <summary>
/// The ports one Pod offers for a Service: each Service port whose targetPort the Pod resolves, in Service port order.
/// Pods with the same set share slices; a Pod that lacks a named port gets a smaller set and so other slices.
/// </summary>
internal sealed class PortSet
{
    public static readonly PortSet Empty = new([], string.Empty);

    private PortSet(List<Discoveryv1EndpointPort> ports, string key)
    {
        Ports = ports;
        Key = key;
    }

    public IReadOnlyList<Discoveryv1EndpointPort> Ports { get; }

    /// <summary>Identifies the set (name, protocol, port, appProtocol of each port).</summary>
    public string Key { get; }

    public static PortSet For(V1Service service, V1Pod pod)
    {
        var ports = new List<Discoveryv1EndpointPort>();
        var key = new StringBuilder();
        foreach (var servicePort in service.Spec?.Ports ?? [])
        {
            if (servicePort is null || !PortResolver.TryFindPort(pod, servicePort, out var number))
            {
                continue;
            }

            var port = new Discoveryv1EndpointPort
            {
                Name = servicePort.Name ?? string.Empty,
                Port = number,
                Protocol = servicePort.Protocol ?? PortResolver.DefaultProtocol,
                AppProtocol = servicePort.AppProtocol,
            };
            ports.Add(port);
            key.Append(port.Name).Append('/').Append(port.Protocol).Append('/')
                .Append(number.ToString(CultureInfo.InvariantCulture)).Append('/').Append(port.AppProtocol).Append(';');
        }

        return ports.Count == 0 ? Empty : new PortSet(ports, key.ToString());
    }

    /// <summary>A fresh list for one slice (null when empty, so the field is omitted as upstream does).</summary>
    public List<Discoveryv1EndpointPort>? Copy()
    {
        if (Ports.Count == 0)
        {
            return null;
        }

        var copy = new List<Discoveryv1EndpointPort>(Ports.Count);
        foreach (var port in Ports)
        {
            copy.Add(new Discoveryv1EndpointPort { Name = port.Name, Port = port.Port, Protocol = port.Protocol, AppProtocol = port.AppProtocol });
        }

        return copy;
    }
}
