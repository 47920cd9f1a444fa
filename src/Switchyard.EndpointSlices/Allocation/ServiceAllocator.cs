using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>
/// What the API server's Service registry allocates on create, for manifests: cluster IPs from the Service CIDRs,
/// NodePorts, and (standing in for a load-balancer implementation) a load-balancer address from a pool. Allocations
/// are stable: a Service keeps its addresses and ports across reloads, and releases them when it disappears.
/// Not thread-safe: one <see cref="Admit"/> at a time.
/// </summary>
public sealed class ServiceAllocator
{
    private readonly AllocatorRanges _ranges;
    private Dictionary<ResourceKey, ServiceAllocation> _allocations = [];

    public ServiceAllocator(ServiceAllocatorOptions? options = null) =>
        _ranges = new AllocatorRanges(options ?? new ServiceAllocatorOptions());

    /// <summary>
    /// Returns the load with its Services allocated (the Service objects are changed in place: ipFamilyPolicy,
    /// ipFamilies, clusterIP(s), nodePorts, healthCheckNodePort, status.loadBalancer) and with the Services that
    /// cannot be allocated moved to the errors: a conflict refuses the younger Service, naming the field and the
    /// other Service. Run it between loading and storing.
    /// </summary>
    public LoadResult Admit(LoadResult load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var pass = new AllocationPass(_ranges, _allocations);
        var result = pass.Run(load);
        _allocations = pass.Next;
        return result;
    }
}
