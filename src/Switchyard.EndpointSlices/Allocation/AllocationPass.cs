using System.Globalization;
using System.Net;
using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>
/// One <see cref="ServiceAllocator.Admit"/>. Services are taken oldest first. Every Service first claims what it
/// asks for (explicit IPs and ports) or already holds (from the previous load); a claim on something an older
/// Service claimed refuses the younger Service. Then the Services still missing something get new addresses and
/// ports, again oldest first, so the same manifests give the same allocations on every run.
/// </summary>
internal sealed class AllocationPass
{
    private readonly AllocatorRanges _ranges;
    private readonly IReadOnlyDictionary<ResourceKey, ServiceAllocation> _previous;
    private readonly Dictionary<IPAddress, ResourceKey> _clusterIPs = [];
    private readonly Dictionary<int, ResourceKey> _nodePorts = [];
    private readonly Dictionary<IPAddress, ResourceKey> _loadBalancerIPs = [];
    private readonly Dictionary<string, IEnumerator<IPAddress>> _clusterCursors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEnumerator<IPAddress>> _poolCursors = new(StringComparer.Ordinal);
    private readonly List<LoadError> _errors = [];
    private readonly List<LoadWarning> _warnings = [];
    private IEnumerator<int>? _portCursor;

    public AllocationPass(AllocatorRanges ranges, IReadOnlyDictionary<ResourceKey, ServiceAllocation> previous)
    {
        _ranges = ranges;
        _previous = previous;
    }

    /// <summary>What every Service holds after the pass: the allocator's state for the next load.</summary>
    public Dictionary<ResourceKey, ServiceAllocation> Next { get; } = [];

    public LoadResult Run(LoadResult load)
    {
        var plans = new List<ServicePlan>();
        var present = new HashSet<ResourceKey>();
        foreach (var loaded in load.Objects)
        {
            if (loaded.Object is V1Service service)
            {
                plans.Add(new ServicePlan(loaded, service, _previous.GetValueOrDefault(loaded.Key)));
                present.Add(loaded.Key);
            }
        }

        plans.Sort(ServicePlan.AgeOrder);

        // A Service the loader refused keeps its last good version in the store, so it keeps what it holds.
        var refusedByLoader = new HashSet<ResourceKey>();
        foreach (var error in load.Errors)
        {
            if (error.Object is { Group: "", Kind: "Service" } key && !present.Contains(key))
            {
                refusedByLoader.Add(key);
            }
        }

        foreach (var held in _previous.Values.Where(a => refusedByLoader.Contains(a.Key)).OrderBy(a => a.Created).ThenBy(a => a.Key))
        {
            Keep(held);
        }

        foreach (var plan in plans)
        {
            Claim(plan);
        }

        foreach (var plan in plans)
        {
            if (plan.Refused && plan.Previous is { } held)
            {
                Keep(held);
            }
        }

        foreach (var plan in plans)
        {
            if (!plan.Refused)
            {
                AllocateNew(plan);
                if (plan.Refused && plan.Previous is { } held)
                {
                    Keep(held);
                }
            }
        }

        var refused = new HashSet<ResourceKey>();
        foreach (var plan in plans)
        {
            if (plan.Refused)
            {
                refused.Add(plan.Key);
                _errors.AddRange(plan.Errors);
            }
            else
            {
                Apply(plan);
                Next[plan.Key] = plan.ToAllocation();
            }
        }

        if (refused.Count == 0 && _errors.Count == 0 && _warnings.Count == 0)
        {
            return load;
        }

        var objects = load.Objects.Where(o => !refused.Contains(o.Key)).ToList();
        var errors = load.Errors.Concat(_errors)
            .OrderBy(e => e.Location.File, StringComparer.Ordinal)
            .ThenBy(e => e.Location.Line)
            .ToList();
        return load with { Objects = objects, Errors = errors, Warnings = [.. load.Warnings, .. _warnings] };
    }

    private void Claim(ServicePlan plan)
    {
        var spec = plan.Service.Spec ??= new V1ServiceSpec();
        if (spec.Type == "ExternalName")
        {
            plan.External = true;
            return;
        }

        IpFamilyPlanner.Plan(plan, _ranges);
        if (plan.Refused)
        {
            return;
        }

        ClaimClusterIPs(plan);
        var type = spec.Type ?? "ClusterIP";
        if (type is "NodePort" or "LoadBalancer")
        {
            ClaimNodePorts(plan, spec, allocate: type == "NodePort" || spec.AllocateLoadBalancerNodePorts != false);
        }

        if (type == "LoadBalancer")
        {
            ClaimLoadBalancerIPs(plan, spec);
        }

        if (plan.Refused)
        {
            Rollback(plan);
        }
    }

    private void ClaimClusterIPs(ServicePlan plan)
    {
        if (plan.Headless)
        {
            return;
        }

        plan.ClusterIPs = new IPAddress?[plan.Families.Count];
        for (var i = 0; i < plan.Families.Count; i++)
        {
            var family = plan.Families[i];
            if (i < plan.RequestedIPs.Count && plan.RequestedIPs[i].Length > 0)
            {
                // Asked for: kept even outside the CIDR, and reserved.
                PodEndpoints.TryParse(plan.RequestedIPs[i], out var requested);
                if (_clusterIPs.TryGetValue(requested, out var owner))
                {
                    plan.Refuse(ServicePlan.ClusterIPField(i), $"Invalid value: \"{plan.RequestedIPs[i]}\": provided IP is already allocated to {Describe(owner, plan.Key)}");
                    continue;
                }

                _clusterIPs.Add(requested, plan.Key);
                plan.ClaimedClusterIPs.Add(requested);
                plan.ClusterIPs[i] = requested;
            }
            else if (plan.Previous?.ClusterIPs.GetValueOrDefault(family) is { } held
                && _ranges.ServiceRanges[family].Contains(held)
                && _clusterIPs.TryAdd(held, plan.Key))
            {
                plan.ClaimedClusterIPs.Add(held);
                plan.ClusterIPs[i] = held;
            }
        }
    }

    private void ClaimNodePorts(ServicePlan plan, V1ServiceSpec spec, bool allocate)
    {
        plan.HasNodePorts = true;
        plan.AllocatesNodePorts = allocate;
        var ports = spec.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            if (port is null)
            {
                continue;
            }

            var requested = port.NodePort ?? 0;
            if (requested == 0 && !allocate)
            {
                // Nothing allocated, but requests are honoured.
                continue;
            }

            if (plan.NodePortByPort.TryGetValue(port.Port, out var shared))
            {
                if (requested != 0 && requested != shared && ClaimNodePort(plan, requested, ServicePlan.NodePortField(i)))
                {
                    plan.ExtraNodePorts[i] = requested;
                }

                continue;
            }

            // Ports with the same number share one NodePort: the first one requested among them, if any.
            var index = i;
            for (var j = i; requested == 0 && j < ports.Count; j++)
            {
                if (ports[j] is { } other && other.Port == port.Port && other.NodePort is > 0)
                {
                    requested = other.NodePort.Value;
                    index = j;
                }
            }

            if (requested != 0)
            {
                plan.NodePortByPort[port.Port] = ClaimNodePort(plan, requested, ServicePlan.NodePortField(index)) ? requested : 0;
            }
            else if (plan.Previous?.NodePorts.GetValueOrDefault(port.Port) is > 0 and var held
                && _ranges.NodePorts.Contains(held)
                && _nodePorts.TryAdd(held, plan.Key))
            {
                plan.ClaimedNodePorts.Add(held);
                plan.NodePortByPort[port.Port] = held;
            }
            else
            {
                plan.NodePortByPort[port.Port] = 0;
                plan.PendingNodePorts.Add((port.Port, i));
            }
        }

        if (spec.Type == "LoadBalancer" && spec.ExternalTrafficPolicy == "Local")
        {
            plan.NeedsHealthCheck = true;
            var requested = spec.HealthCheckNodePort ?? 0;
            if (requested != 0)
            {
                plan.HealthCheckNodePort = ClaimNodePort(plan, requested, "spec.healthCheckNodePort") ? requested : 0;
            }
            else if (plan.Previous?.HealthCheckNodePort is { } held && _ranges.NodePorts.Contains(held) && _nodePorts.TryAdd(held, plan.Key))
            {
                plan.ClaimedNodePorts.Add(held);
                plan.HealthCheckNodePort = held;
            }
        }
    }

    private bool ClaimNodePort(ServicePlan plan, int port, string field)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        if (!_ranges.NodePorts.Contains(port))
        {
            plan.Refuse(field, $"Invalid value: {text}: provided port is not in the valid range. The range of valid ports is "
                + string.Create(CultureInfo.InvariantCulture, $"{_ranges.NodePorts.Min}-{_ranges.NodePorts.Max}"));
            return false;
        }

        if (_nodePorts.TryGetValue(port, out var owner))
        {
            plan.Refuse(field, owner == plan.Key
                ? $"Duplicate value: {text}"
                : $"Invalid value: {text}: provided port is already allocated to {Describe(owner, plan.Key)}");
            return false;
        }

        _nodePorts.Add(port, plan.Key);
        plan.ClaimedNodePorts.Add(port);
        return true;
    }

    private void ClaimLoadBalancerIPs(ServicePlan plan, V1ServiceSpec spec)
    {
        plan.IsLoadBalancer = true;
        IPAddress? requested = null;
        if (!string.IsNullOrEmpty(spec.LoadBalancerIP) && !PodEndpoints.TryParse(spec.LoadBalancerIP, out requested))
        {
            Warn(plan, $"spec.loadBalancerIP \"{spec.LoadBalancerIP}\" is not an IP; ignored");
        }

        foreach (var family in plan.Families)
        {
            if (requested is not null && AllocatorRanges.FamilyName(requested.AddressFamily) == family)
            {
                if (_loadBalancerIPs.TryGetValue(requested, out var owner))
                {
                    Warn(plan, $"spec.loadBalancerIP {requested} is already used by {Describe(owner, plan.Key)}; no {family} load-balancer address");
                    continue;
                }

                _loadBalancerIPs.Add(requested, plan.Key);
                plan.ClaimedLoadBalancerIPs.Add(requested);
                plan.LoadBalancerIPs[family] = requested;
                continue;
            }

            if (!_ranges.PoolHas(family))
            {
                continue;
            }

            if (plan.Previous?.LoadBalancerIPs.GetValueOrDefault(family) is { } held && _ranges.InPool(held) && _loadBalancerIPs.TryAdd(held, plan.Key))
            {
                plan.ClaimedLoadBalancerIPs.Add(held);
                plan.LoadBalancerIPs[family] = held;
            }
            else
            {
                plan.LoadBalancerIPs[family] = null;
            }
        }
    }

    private void AllocateNew(ServicePlan plan)
    {
        for (var i = 0; i < plan.ClusterIPs.Length; i++)
        {
            if (plan.ClusterIPs[i] is not null)
            {
                continue;
            }

            var family = plan.Families[i];
            var ip = NextFree(_clusterCursors, family, () => _ranges.ServiceRanges[family].Candidates(), _clusterIPs);
            if (ip is null)
            {
                plan.Refuse(ServicePlan.ClusterIPField(i), $"Internal error: failed to allocate a serviceIP: range is full ({_ranges.ServiceRanges[family].Text})");
                Rollback(plan);
                return;
            }

            _clusterIPs.Add(ip, plan.Key);
            plan.ClaimedClusterIPs.Add(ip);
            plan.ClusterIPs[i] = ip;
        }

        foreach (var (port, index) in plan.PendingNodePorts)
        {
            if (!TryAllocateNodePort(plan, ServicePlan.NodePortField(index), out var nodePort))
            {
                return;
            }

            plan.NodePortByPort[port] = nodePort;
        }

        if (plan.NeedsHealthCheck && plan.HealthCheckNodePort == 0)
        {
            if (!TryAllocateNodePort(plan, "spec.healthCheckNodePort", out var nodePort))
            {
                return;
            }

            plan.HealthCheckNodePort = nodePort;
        }

        foreach (var family in plan.LoadBalancerIPs.Keys.ToList())
        {
            if (plan.LoadBalancerIPs[family] is not null)
            {
                continue;
            }

            var ip = NextFree(_poolCursors, family, () => _ranges.PoolCandidates(family), _loadBalancerIPs);
            if (ip is null)
            {
                // As without a load-balancer implementation: the Service is accepted and its address stays pending.
                Warn(plan, $"no {family} load-balancer address left in the pool; status.loadBalancer stays empty");
                plan.LoadBalancerIPs.Remove(family);
                continue;
            }

            _loadBalancerIPs.Add(ip, plan.Key);
            plan.ClaimedLoadBalancerIPs.Add(ip);
            plan.LoadBalancerIPs[family] = ip;
        }
    }

    private bool TryAllocateNodePort(ServicePlan plan, string field, out int nodePort)
    {
        _portCursor ??= _ranges.NodePorts.Candidates().GetEnumerator();
        while (_portCursor.MoveNext())
        {
            if (_nodePorts.TryAdd(_portCursor.Current, plan.Key))
            {
                nodePort = _portCursor.Current;
                plan.ClaimedNodePorts.Add(nodePort);
                return true;
            }
        }

        plan.Refuse(field, "Internal error: failed to allocate a nodePort: range is full ("
            + string.Create(CultureInfo.InvariantCulture, $"{_ranges.NodePorts.Min}-{_ranges.NodePorts.Max})"));
        Rollback(plan);
        nodePort = 0;
        return false;
    }

    // Cursors only move forward, so a whole pass costs one walk over each range at most.
    private static IPAddress? NextFree(Dictionary<string, IEnumerator<IPAddress>> cursors, string family, Func<IEnumerable<IPAddress>> candidates, Dictionary<IPAddress, ResourceKey> taken)
    {
        if (!cursors.TryGetValue(family, out var cursor))
        {
            cursor = candidates().GetEnumerator();
            cursors.Add(family, cursor);
        }

        while (cursor.MoveNext())
        {
            if (!taken.ContainsKey(cursor.Current))
            {
                return cursor.Current;
            }
        }

        return null;
    }

    /// <summary>Re-reserves what a Service held before, where still free, and carries it to the next state.</summary>
    private void Keep(ServiceAllocation held)
    {
        var clusterIPs = held.ClusterIPs.Where(p => _clusterIPs.TryAdd(p.Value, held.Key)).ToDictionary(StringComparer.Ordinal);
        var nodePorts = held.NodePorts.Where(p => _nodePorts.TryAdd(p.Value, held.Key)).ToDictionary();
        var healthCheck = held.HealthCheckNodePort is { } hc && _nodePorts.TryAdd(hc, held.Key) ? hc : (int?)null;
        var lb = held.LoadBalancerIPs.Where(p => _loadBalancerIPs.TryAdd(p.Value, held.Key)).ToDictionary(StringComparer.Ordinal);
        Next[held.Key] = held with { ClusterIPs = clusterIPs, NodePorts = nodePorts, HealthCheckNodePort = healthCheck, LoadBalancerIPs = lb };
    }

    private void Rollback(ServicePlan plan)
    {
        foreach (var ip in plan.ClaimedClusterIPs)
        {
            _clusterIPs.Remove(ip);
        }

        foreach (var port in plan.ClaimedNodePorts)
        {
            _nodePorts.Remove(port);
        }

        foreach (var ip in plan.ClaimedLoadBalancerIPs)
        {
            _loadBalancerIPs.Remove(ip);
        }

        plan.ClaimedClusterIPs.Clear();
        plan.ClaimedNodePorts.Clear();
        plan.ClaimedLoadBalancerIPs.Clear();
    }

    private static void Apply(ServicePlan plan)
    {
        if (plan.External)
        {
            return;
        }

        var service = plan.Service;
        var spec = service.Spec;
        spec.IpFamilyPolicy = plan.Policy;
        spec.IpFamilies = [.. plan.Families];
        if (plan.Headless)
        {
            spec.ClusterIP = IpFamilyPlanner.None;
            spec.ClusterIPs = [IpFamilyPlanner.None];
        }
        else
        {
            spec.ClusterIPs = [.. plan.ClusterIPs.Select(ip => ip!.ToString())];
            spec.ClusterIP = spec.ClusterIPs[0];
        }

        if (plan.HasNodePorts)
        {
            var ports = spec.Ports ?? [];
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i] is not { } port)
                {
                    continue;
                }

                if (plan.ExtraNodePorts.TryGetValue(i, out var extra))
                {
                    port.NodePort = extra;
                }
                else if ((plan.AllocatesNodePorts || port.NodePort is > 0) && plan.NodePortByPort.TryGetValue(port.Port, out var nodePort) && nodePort != 0)
                {
                    port.NodePort = nodePort;
                }
            }
        }

        if (plan.NeedsHealthCheck)
        {
            spec.HealthCheckNodePort = plan.HealthCheckNodePort;
        }

        if (plan.IsLoadBalancer)
        {
            var ingress = new List<V1LoadBalancerIngress>();
            foreach (var family in plan.Families)
            {
                if (plan.LoadBalancerIPs.GetValueOrDefault(family) is { } ip)
                {
                    ingress.Add(new V1LoadBalancerIngress { Ip = ip.ToString(), IpMode = "VIP" });
                }
            }

            service.Status ??= new V1ServiceStatus();
            service.Status.LoadBalancer = new V1LoadBalancerStatus { Ingress = ingress.Count > 0 ? ingress : null };
        }
    }

    private void Warn(ServicePlan plan, string message) =>
        _warnings.Add(new LoadWarning(plan.Loaded.Location, plan.Key + ": " + message));

    private static string Describe(ResourceKey owner, ResourceKey self) =>
        owner == self ? "this Service" : "Service " + owner.Namespace + "/" + owner.Name;
}
