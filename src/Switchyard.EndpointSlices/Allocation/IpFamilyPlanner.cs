using System.Globalization;
using k8s.Models;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>
/// Settles a Service's ipFamilyPolicy, ipFamilies and requested clusterIPs the way the API server's allocator does
/// before allocating (upstream <c>initIPFamilyFields</c>), refusing combinations the cluster cannot serve.
/// </summary>
internal static class IpFamilyPlanner
{
    public const string SingleStack = "SingleStack";
    public const string PreferDualStack = "PreferDualStack";
    public const string RequireDualStack = "RequireDualStack";
    public const string None = "None";

    public static void Plan(ServicePlan plan, AllocatorRanges ranges)
    {
        var spec = plan.Service.Spec;
        var requested = Normalize(plan, spec);
        plan.RequestedIPs = requested;
        plan.Headless = requested.Count > 0 && requested[0] == None;
        var selectorless = spec.Selector is null || spec.Selector.Count == 0;
        var headlessSelectorless = plan.Headless && selectorless;

        var policy = spec.IpFamilyPolicy;
        if (string.IsNullOrEmpty(policy))
        {
            // Headless without a selector defaults to dual-stack, so hand-written endpoints may be of either family.
            policy = headlessSelectorless ? RequireDualStack : SingleStack;
        }

        if (policy is not (SingleStack or PreferDualStack or RequireDualStack))
        {
            plan.Refuse("spec.ipFamilyPolicy", $"Unsupported value: \"{policy}\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"");
            return;
        }

        plan.Policy = policy;
        var families = plan.Families;
        var given = spec.IpFamilies ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not (AllocatorRanges.IPv4 or AllocatorRanges.IPv6))
            {
                plan.Refuse(Index("spec.ipFamilies", i), $"Unsupported value: \"{given[i]}\": supported values: \"IPv4\", \"IPv6\"");
                continue;
            }

            families.Add(given[i]);
        }

        if (requested.Count > 2)
        {
            plan.Refuse("spec.clusterIPs", "Too many: " + requested.Count.ToString(CultureInfo.InvariantCulture) + ": must have at most 2 items");
        }

        if (families.Count > 2)
        {
            plan.Refuse("spec.ipFamilies", "Too many: " + families.Count.ToString(CultureInfo.InvariantCulture) + ": must have at most 2 items");
        }

        if (policy == SingleStack && requested.Count == 2)
        {
            plan.Refuse("spec.ipFamilyPolicy", "Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified");
        }

        if (policy == SingleStack && families.Count == 2)
        {
            plan.Refuse("spec.ipFamilyPolicy", "Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified");
        }

        if (plan.Refused)
        {
            return;
        }

        // Families follow the requested IPs: check the ones given, infer the missing ones.
        for (var i = 0; i < requested.Count; i++)
        {
            var ip = requested[i];
            if (ip == None)
            {
                if (i > 0 || requested.Count > 1)
                {
                    plan.Refuse(Index("spec.clusterIPs", i), "Invalid value: \"None\": must be the only value when any value is 'None'");
                }

                break;
            }

            if (ip.Length == 0)
            {
                continue;
            }

            var family = PodEndpoints.FamilyOf(ip);
            if (family is null)
            {
                plan.Refuse(ServicePlan.ClusterIPField(i), $"Invalid value: \"{ip}\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
                continue;
            }

            if (i < families.Count)
            {
                if (families[i] != family)
                {
                    plan.Refuse(Index("spec.clusterIPs", i), $"Invalid value: \"{ip}\": expected an {families[i]} value as indicated by `ipFamilies[{i.ToString(CultureInfo.InvariantCulture)}]`");
                }
            }
            else if (!ranges.ServiceRanges.ContainsKey(family))
            {
                plan.Refuse(Index("spec.clusterIPs", i), $"Invalid value: \"{ip}\": {family} is not configured on this cluster");
            }
            else
            {
                families.Add(family);
            }
        }

        if (families.Count == 2 && families[0] == families[1])
        {
            plan.Refuse("spec.ipFamilies[1]", $"Duplicate value: \"{families[1]}\"");
        }

        if (plan.Refused)
        {
            return;
        }

        if (headlessSelectorless)
        {
            // Allowed beyond the cluster's families: nothing is allocated, the families only label the endpoints.
            if (families.Count == 0)
            {
                families.Add(ranges.DefaultFamily);
            }

            if (families.Count < 2 && policy != SingleStack)
            {
                families.Add(AllocatorRanges.Other(families[0]));
            }

            return;
        }

        if (policy == RequireDualStack && !ranges.DualStack)
        {
            plan.Refuse("spec.ipFamilyPolicy", "Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services");
        }

        for (var i = 0; i < families.Count; i++)
        {
            if (!ranges.ServiceRanges.ContainsKey(families[i]))
            {
                plan.Refuse(Index("spec.ipFamilies", i), $"Invalid value: \"{families[i]}\": not configured on this cluster");
            }
        }

        if (plan.Refused)
        {
            return;
        }

        if (families.Count == 0)
        {
            families.Add(ranges.DefaultFamily);
        }

        if (policy != SingleStack && families.Count == 1 && ranges.DualStack)
        {
            families.Add(AllocatorRanges.Other(families[0]));
        }
    }

    // The server copies a lone clusterIP into clusterIPs; both given, they must agree.
    private static List<string> Normalize(ServicePlan plan, V1ServiceSpec spec)
    {
        var requested = new List<string>();
        foreach (var ip in spec.ClusterIPs ?? [])
        {
            requested.Add(ip ?? string.Empty);
        }

        if (!string.IsNullOrEmpty(spec.ClusterIP))
        {
            if (requested.Count == 0)
            {
                requested.Add(spec.ClusterIP);
            }
            else if (requested[0] != spec.ClusterIP)
            {
                plan.Refuse("spec.clusterIPs[0]", $"Invalid value: \"{requested[0]}\": must match clusterIP when clusterIP is set");
            }
        }

        return requested;
    }

    private static string Index(string field, int i) => field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
}
