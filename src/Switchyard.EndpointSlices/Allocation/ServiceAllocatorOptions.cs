using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>
/// The ranges Services get addresses and ports from: the API server's <c>--service-cluster-ip-range</c> and
/// <c>--service-node-port-range</c>, plus the pool a load-balancer implementation would hand out.
/// </summary>
public sealed record ServiceAllocatorOptions
{
    /// <summary>On loopback, so cluster IPs are reachable on the machine Switchyard runs on.</summary>
    public const string DefaultIPv4ServiceCidr = "127.96.0.0/16";

    public const string DefaultIPv6ServiceCidr = "fd00:10:96::/112";

    public const string DefaultLoadBalancerPool = "127.97.0.0/24";

    /// <summary>One CIDR per family, at most two; the first one's family is the default for new Services.</summary>
    public IReadOnlyList<string> ServiceCidrs { get; init; } = [DefaultIPv4ServiceCidr, DefaultIPv6ServiceCidr];

    /// <summary>Lowest NodePort, inclusive.</summary>
    public int NodePortMin { get; init; } = 30000;

    /// <summary>Highest NodePort, inclusive.</summary>
    public int NodePortMax { get; init; } = 32767;

    /// <summary>Addresses for LoadBalancer Services: single IPs or CIDRs, handed out in this order.</summary>
    public IReadOnlyList<string> LoadBalancerPool { get; init; } = [DefaultLoadBalancerPool];

    /// <summary>Every problem with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ServiceCidrs is null || ServiceCidrs.Count is < 1 or > 2)
        {
            problems.Add("ServiceCidrs: needs one or two CIDRs");
        }
        else
        {
            var families = new HashSet<AddressFamily>();
            foreach (var cidr in ServiceCidrs)
            {
                if (!IPNetwork.TryParse(cidr, out var network))
                {
                    problems.Add($"ServiceCidrs: \"{cidr}\" is not a CIDR");
                    continue;
                }

                var v4 = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
                if (v4 ? network.PrefixLength is < 8 or > 30 : network.PrefixLength is < 64 or > 126)
                {
                    problems.Add($"ServiceCidrs: \"{cidr}\" must have a prefix length of {(v4 ? "8 to 30" : "64 to 126")}");
                }

                if (!families.Add(network.BaseAddress.AddressFamily))
                {
                    problems.Add($"ServiceCidrs: \"{cidr}\" repeats a family; give at most one IPv4 and one IPv6 CIDR");
                }
            }
        }

        if (NodePortMin is < 1 or > 65535 || NodePortMax is < 1 or > 65535 || NodePortMin > NodePortMax)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"NodePortMin/NodePortMax: {NodePortMin}-{NodePortMax} is not a port range"));
        }

        foreach (var entry in LoadBalancerPool ?? [])
        {
            if (!IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            {
                problems.Add($"LoadBalancerPool: \"{entry}\" is neither an IP nor a CIDR");
            }
        }

        return problems;
    }
}
