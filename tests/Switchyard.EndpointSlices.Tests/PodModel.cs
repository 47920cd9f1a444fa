using k8s.Models;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>The fields of a Pod the controller reads, as one value: an edit is a <c>with</c>.</summary>
internal sealed record PodModel(string Namespace, string Name, Dictionary<string, string> Labels, bool Ready, string[] Ips)
{
    public bool Terminating { get; init; }

    public string Phase { get; init; } = "Running";

    public string? Hostname { get; init; }

    public string? Subdomain { get; init; }

    public string? NodeName { get; init; }

    public string? Zone { get; init; }

    public string? PortName { get; init; }

    public int PortNumber { get; init; } = 8080;

    public V1Pod Build()
    {
        var labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal);
        if (Zone is not null)
        {
            labels[EndpointSliceLabels.Zone] = Zone;
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = Name,
                NamespaceProperty = Namespace,
                Uid = "uid-" + Namespace + "-" + Name,
                Labels = labels,
                CreationTimestamp = DateTime.UnixEpoch,
                DeletionTimestamp = Terminating ? DateTime.UnixEpoch : null,
            },
            Spec = new V1PodSpec
            {
                Hostname = Hostname,
                Subdomain = Subdomain,
                NodeName = NodeName,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main",
                        Image = "main",
                        Ports = [new V1ContainerPort { Name = PortName, ContainerPort = PortNumber, Protocol = "TCP" }],
                    },
                ],
            },
            Status = new V1PodStatus
            {
                Phase = Phase,
                PodIP = Ips.Length > 0 ? Ips[0] : null,
                PodIPs = Ips.Length > 1 ? [.. Ips.Select(ip => new V1PodIP { Ip = ip })] : null,
                Conditions = [new V1PodCondition { Type = "Ready", Status = Ready ? "True" : "False" }],
            },
        };
    }
}
