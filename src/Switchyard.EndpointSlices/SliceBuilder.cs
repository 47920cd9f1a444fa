using k8s.Models;
using Switchyard.Resources.Model;

namespace Switchyard.EndpointSlices;

/// <summary>
/// Builds one Service's EndpointSlices from the Pods it selects (upstream's reconciler, minus the API writes). It
/// reads only the Service and those Pods, which is what lets the controller recompute Services one at a time.
/// </summary>
internal sealed class SliceBuilder
{
    private const string DiscoveryGroup = "discovery.k8s.io";
    private const string TopologyModeAnnotation = "service.kubernetes.io/topology-mode";
    private const string TopologyAwareHintsAnnotation = "service.kubernetes.io/topology-aware-hints";

    private readonly int _maxEndpointsPerSlice;

    public SliceBuilder(int maxEndpointsPerSlice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEndpointsPerSlice, 1);
        _maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    /// <summary>
    /// Appends the Service's slices for the Pods it selects (given in name order): address type in the Service's
    /// family order, then port set, then chunks of at most the maximum; one empty placeholder per address type when
    /// there is nothing to publish.
    /// </summary>
    public void Build(V1Service service, List<V1Pod> pods, List<V1EndpointSlice> slices)
    {
        // Ports depend on the Pod only (not on the address family): resolve them once.
        var candidates = new List<(V1Pod Pod, PortSet Ports)>(pods.Count);
        foreach (var pod in pods)
        {
            if (PodEndpoints.ShouldBeEndpoint(pod))
            {
                candidates.Add((pod, PortSet.For(service, pod)));
            }
        }

        var names = new SliceNames(service.Metadata.Name);
        var hints = HintMode(service);
        foreach (var addressType in AddressTypes(service))
        {
            var groups = new SortedDictionary<string, (PortSet Ports, List<V1Endpoint> Endpoints)>(StringComparer.Ordinal);
            foreach (var (pod, ports) in candidates)
            {
                var endpoint = PodEndpoints.Create(pod, service, addressType);
                if (endpoint.Addresses.Count == 0)
                {
                    continue;
                }

                AddHints(endpoint, hints);
                if (!groups.TryGetValue(ports.Key, out var group))
                {
                    group = (ports, []);
                    groups.Add(ports.Key, group);
                }

                group.Endpoints.Add(endpoint);
            }

            var produced = 0;
            foreach (var (key, (ports, endpoints)) in groups)
            {
                for (int start = 0, chunk = 0; start < endpoints.Count; start += _maxEndpointsPerSlice, chunk++)
                {
                    var count = Math.Min(_maxEndpointsPerSlice, endpoints.Count - start);
                    var name = names.Next(addressType + "\n" + key + "\n" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    slices.Add(NewSlice(service, name, addressType, ports, endpoints.GetRange(start, count)));
                    produced++;
                }
            }

            // A Service with nothing to publish still gets one empty slice per address type (upstream's placeholder).
            if (produced == 0)
            {
                slices.Add(NewSlice(service, names.Next(addressType + "\nplaceholder"), addressType, PortSet.Empty, []));
            }
        }
    }

    private static V1EndpointSlice NewSlice(V1Service service, string name, string addressType, PortSet ports, List<V1Endpoint> endpoints) =>
        new()
        {
            ApiVersion = DiscoveryGroup + "/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = service.Metadata.NamespaceProperty,
                Labels = Labels(service),
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "v1",
                        Kind = "Service",
                        Name = service.Metadata.Name,
                        Uid = service.Metadata.Uid ?? string.Empty,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
                CreationTimestamp = service.Metadata.CreationTimestamp,
            },
            AddressType = addressType,
            Endpoints = endpoints,
            Ports = ports.Copy(),
        };

    /// <summary>The Service's labels minus the reserved ones, plus the controller's own, sorted by key.</summary>
    private static SortedDictionary<string, string> Labels(V1Service service)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in service.Metadata.Labels ?? new Dictionary<string, string>())
        {
            if (!EndpointSliceLabels.IsReserved(key))
            {
                labels[key] = value;
            }
        }

        var clusterIP = service.Spec?.ClusterIP;
        if (string.IsNullOrEmpty(clusterIP) || clusterIP == "None")
        {
            labels[EndpointSliceLabels.Headless] = string.Empty;
        }

        labels[EndpointSliceLabels.ServiceName] = service.Metadata.Name;
        labels[EndpointSliceLabels.ManagedBy] = EndpointSliceLabels.ControllerName;
        return labels;
    }

    /// <summary>
    /// The address types the Service has slices for: its ipFamilies; without them the family of its cluster IP; and
    /// both when it has neither (upstream's fallback for objects that predate ipFamilies).
    /// </summary>
    private static List<string> AddressTypes(V1Service service)
    {
        var types = new List<string>(2);
        foreach (var family in service.Spec?.IpFamilies ?? [])
        {
            if (family is PodEndpoints.IPv4 or PodEndpoints.IPv6 && !types.Contains(family, StringComparer.Ordinal))
            {
                types.Add(family);
            }
        }

        if (types.Count > 0)
        {
            return types;
        }

        var clusterIP = service.Spec?.ClusterIP;
        if (!string.IsNullOrEmpty(clusterIP) && clusterIP != "None")
        {
            types.Add(PodEndpoints.FamilyOf(clusterIP) ?? PodEndpoints.IPv4);
            return types;
        }

        types.Add(PodEndpoints.IPv4);
        types.Add(PodEndpoints.IPv6);
        return types;
    }

    // trafficDistribution hints (upstream trafficdist): same-zone for PreferClose/PreferSameZone, plus same-node for
    // PreferSameNode. The topology-mode annotation wins over the field, and its heuristic needs Nodes: no hints then.
    private static Hints HintMode(V1Service service)
    {
        var annotation = service.Metadata.Annotation(TopologyAwareHintsAnnotation) ?? service.Metadata.Annotation(TopologyModeAnnotation);
        if (annotation is "Auto" or "auto")
        {
            return Hints.None;
        }

        return service.Spec?.TrafficDistribution switch
        {
            "PreferClose" or "PreferSameZone" => Hints.Zone,
            "PreferSameNode" => Hints.Zone | Hints.Node,
            _ => Hints.None,
        };
    }

    private static void AddHints(V1Endpoint endpoint, Hints hints)
    {
        if (hints == Hints.None || endpoint.Conditions.Ready != true)
        {
            return;
        }

        IList<V1ForZone>? zones = endpoint.Zone is { } zone ? [new V1ForZone { Name = zone }] : null;
        IList<V1ForNode>? nodes = (hints & Hints.Node) != 0 && endpoint.NodeName is { } node ? [new V1ForNode { Name = node }] : null;
        if (zones is not null || nodes is not null)
        {
            endpoint.Hints = new V1EndpointHints { ForZones = zones, ForNodes = nodes };
        }
    }

    [Flags]
    private enum Hints
    {
        None = 0,
        Zone = 1,
        Node = 2,
    }
}
