using System.Net;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>What one Service holds, remembered across reloads so the Service keeps it.</summary>
internal sealed record ServiceAllocation(
    ResourceKey Key,
    DateTime Created,
    IReadOnlyDictionary<string, IPAddress> ClusterIPs,
    IReadOnlyDictionary<int, int> NodePorts,
    int? HealthCheckNodePort,
    IReadOnlyDictionary<string, IPAddress> LoadBalancerIPs);
