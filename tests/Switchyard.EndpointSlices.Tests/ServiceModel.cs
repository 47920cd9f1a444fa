using k8s.Models;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>The fields of a Service the controller reads, as one value: an edit is a <c>with</c>.</summary>
internal sealed record ServiceModel(string Namespace, string Name, Dictionary<string, string>? Selector, List<PortModel> Ports, string[] Families)
{
    public bool PublishNotReady { get; init; }

    public bool ExternalName { get; init; }

    public bool PreferClose { get; init; }

    public string? Team { get; init; }

    public V1Service Build()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [EndpointSliceLabels.ServiceName] = "ignored" };
        if (Team is not null)
        {
            labels["team"] = Team;
        }

        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta
            {
                Name = Name,
                NamespaceProperty = Namespace,
                Uid = "uid-" + Namespace + "-" + Name,
                Labels = labels,
                CreationTimestamp = DateTime.UnixEpoch,
            },
            Spec = new V1ServiceSpec
            {
                Type = ExternalName ? "ExternalName" : "ClusterIP",
                ExternalName = ExternalName ? "db.example.com" : null,
                Selector = Selector is null ? null : new Dictionary<string, string>(Selector, StringComparer.Ordinal),
                // No families means headless here: no cluster IP, so slices for both families.
                ClusterIP = Families.Length == 0 ? "None" : null,
                IpFamilies = Families.Length == 0 ? null : [.. Families],
                PublishNotReadyAddresses = PublishNotReady ? true : null,
                TrafficDistribution = PreferClose ? "PreferClose" : null,
                Ports =
                [
                    .. Ports.Select(p => new V1ServicePort
                    {
                        Name = p.Name.Length == 0 ? null : p.Name,
                        Port = p.Port,
                        TargetPort = p.TargetPort is null ? null : (IntOrString)p.TargetPort,
                        Protocol = "TCP",
                    }),
                ],
            },
        };
    }
}
