using System.Globalization;
using System.Net;
using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Allocation;

/// <summary>One Service during one <see cref="ServiceAllocator.Admit"/>: what it asks for, holds and still needs.</summary>
internal sealed class ServicePlan
{
    public ServicePlan(LoadedObject loaded, V1Service service, ServiceAllocation? previous)
    {
        Loaded = loaded;
        Service = service;
        Previous = previous;
        Created = service.Metadata.CreationTimestamp ?? DateTime.MinValue;
    }

    public LoadedObject Loaded { get; }

    public V1Service Service { get; }

    public ResourceKey Key => Loaded.Key;

    public DateTime Created { get; }

    public ServiceAllocation? Previous { get; }

    public List<LoadError> Errors { get; } = [];

    public bool Refused => Errors.Count > 0;

    /// <summary>ExternalName: nothing to allocate.</summary>
    public bool External { get; set; }

    /// <summary>clusterIP None: families, but no addresses.</summary>
    public bool Headless { get; set; }

    public string Policy { get; set; } = "SingleStack";

    public List<string> Families { get; } = [];

    /// <summary>The normalized spec.clusterIPs as written (empty entries mean "allocate").</summary>
    public List<string> RequestedIPs { get; set; } = [];

    /// <summary>One cluster IP per family; null until held.</summary>
    public IPAddress?[] ClusterIPs { get; set; } = [];

    public bool HasNodePorts { get; set; }

    public bool AllocatesNodePorts { get; set; }

    /// <summary>NodePort shared by every Service port with the same number (TCP and UDP 53 share one); 0 = pending.</summary>
    public Dictionary<int, int> NodePortByPort { get; } = [];

    /// <summary>Explicit nodePorts that differ from their port number's shared one, by spec.ports index.</summary>
    public Dictionary<int, int> ExtraNodePorts { get; } = [];

    /// <summary>Pending NodePorts: port number and the spec.ports index it is reported at.</summary>
    public List<(int Port, int Index)> PendingNodePorts { get; } = [];

    public bool NeedsHealthCheck { get; set; }

    public int HealthCheckNodePort { get; set; }

    public bool IsLoadBalancer { get; set; }

    /// <summary>Load-balancer address per family that the pool serves; null = pending.</summary>
    public SortedDictionary<string, IPAddress?> LoadBalancerIPs { get; } = new(StringComparer.Ordinal);

    /// <summary>What this Service claimed so far in this pass, for rollback when it is refused.</summary>
    public List<IPAddress> ClaimedClusterIPs { get; } = [];

    public List<int> ClaimedNodePorts { get; } = [];

    public List<IPAddress> ClaimedLoadBalancerIPs { get; } = [];

    /// <summary>Oldest first (creationTimestamp), then namespace/name: the order Services are admitted in.</summary>
    public static int AgeOrder(ServicePlan a, ServicePlan b)
    {
        var c = a.Created.CompareTo(b.Created);
        return c != 0 ? c : a.Key.CompareTo(b.Key);
    }

    public void Refuse(string field, string message) =>
        Errors.Add(new LoadError(Loaded.Location, Key, field, message));

    public static string ClusterIPField(int index) =>
        index == 0 ? "spec.clusterIP" : "spec.clusterIPs[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string NodePortField(int index) =>
        "spec.ports[" + index.ToString(CultureInfo.InvariantCulture) + "].nodePort";

    public ServiceAllocation ToAllocation()
    {
        var clusterIPs = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        for (var i = 0; i < ClusterIPs.Length; i++)
        {
            if (ClusterIPs[i] is { } ip)
            {
                clusterIPs[Families[i]] = ip;
            }
        }

        var nodePorts = new Dictionary<int, int>();
        foreach (var (port, nodePort) in NodePortByPort)
        {
            if (nodePort != 0)
            {
                nodePorts[port] = nodePort;
            }
        }

        var lb = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var (family, ip) in LoadBalancerIPs)
        {
            if (ip is not null)
            {
                lb[family] = ip;
            }
        }

        return new ServiceAllocation(Key, Created, clusterIPs, nodePorts, HealthCheckNodePort != 0 ? HealthCheckNodePort : null, lb);
    }
}
