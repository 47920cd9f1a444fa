using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>The parsed <see cref="ServiceAllocatorOptions"/>.</summary>
internal sealed class AllocatorRanges
{
    public const string IPv4 = PodEndpoints.IPv4;
    public const string IPv6 = PodEndpoints.IPv6;

    public AllocatorRanges(ServiceAllocatorOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid allocator options: " + string.Join("; ", problems), nameof(options));
        }

        foreach (var cidr in options.ServiceCidrs)
        {
            var range = AddressRange.ServiceCidr(IPNetwork.Parse(cidr), cidr);
            var family = FamilyName(range.Family);
            DefaultFamily ??= family;
            ServiceRanges.Add(family, range);
        }

        NodePorts = new NodePortRange(options.NodePortMin, options.NodePortMax);
        foreach (var entry in options.LoadBalancerPool)
        {
            Pool.Add(AddressRange.PoolEntry(entry));
        }
    }

    /// <summary>Service CIDR by family name (IPv4, IPv6).</summary>
    public Dictionary<string, AddressRange> ServiceRanges { get; } = new(StringComparer.Ordinal);

    /// <summary>The family of the first Service CIDR.</summary>
    public string DefaultFamily { get; } = null!;

    public NodePortRange NodePorts { get; }

    public List<AddressRange> Pool { get; } = [];

    public bool DualStack => ServiceRanges.Count == 2;

    public static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? IPv6 : IPv4;

    public static string Other(string family) => family == IPv4 ? IPv6 : IPv4;

    public bool PoolHas(string family)
    {
        foreach (var range in Pool)
        {
            if (FamilyName(range.Family) == family)
            {
                return true;
            }
        }

        return false;
    }

    public bool InPool(IPAddress address)
    {
        foreach (var range in Pool)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Pool addresses of one family, entry by entry in configured order.</summary>
    public IEnumerable<IPAddress> PoolCandidates(string family)
    {
        foreach (var range in Pool)
        {
            if (FamilyName(range.Family) != family)
            {
                continue;
            }

            foreach (var address in range.Candidates())
            {
                yield return address;
            }
        }
    }
}
