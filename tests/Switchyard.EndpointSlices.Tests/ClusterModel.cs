using System.Globalization;
using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>
/// A small random cluster of Pods and Services in two namespaces, changed one random edit at a time. Every edit
/// replaces the object it touches with a fresh instance (the store treats stored objects as immutable) and records its
/// key, so a step can be written either as a full reload of the files or as just the objects it touched.
/// </summary>
internal sealed class ClusterModel(int seed)
{
    private static readonly string[] Namespaces = ["apps", "other"];
    private static readonly KindInfo PodKind = KindRegistry.For<V1Pod>();
    private static readonly KindInfo ServiceKind = KindRegistry.For<V1Service>();
    private static readonly SourceLocation Location = new("model.yaml", 0);

    private readonly Random _random = new(seed);
    private readonly SortedDictionary<ResourceKey, PodModel> _pods = [];
    private readonly SortedDictionary<ResourceKey, ServiceModel> _services = [];
    private readonly HashSet<ResourceKey> _touched = [];
    private int _serial;

    public int PodCount => _pods.Count;

    public int ServiceCount => _services.Count;

    /// <summary>Applies one random edit and returns its description (for failure messages).</summary>
    public string Edit()
    {
        if (_pods.Count < 4 || _random.Next(12) == 0)
        {
            return AddPod();
        }

        if (_services.Count < 2 || _random.Next(20) == 0)
        {
            return AddService();
        }

        var podKey = PickOf(_pods.Keys);
        var pod = _pods[podKey];
        var serviceKey = PickOf(_services.Keys);
        var service = _services[serviceKey];
        switch (_random.Next(22))
        {
            case 0:
                return RemovePod(podKey);
            case 1:
            case 2:
                return SetPod(podKey, pod with { Labels = RandomLabels() }, "relabel");
            case 3:
            case 4:
            case 5:
                return SetPod(podKey, pod with { Ready = !pod.Ready }, "flip readiness of");
            case 6:
                return SetPod(podKey, pod with { Ips = RandomIps() }, "change IPs of");
            case 7:
                return SetPod(podKey, pod with { Terminating = !pod.Terminating }, "toggle terminating on");
            case 8:
                // Same name, other namespace: a delete and an add.
                RemovePod(podKey);
                var moved = pod with { Namespace = Namespaces[(Array.IndexOf(Namespaces, pod.Namespace) + 1) % Namespaces.Length] };
                return SetPod(KeyOf(moved), moved, "move to " + moved.Namespace + ":");
            case 9:
                return SetPod(podKey, pod with { Hostname = Maybe("host-" + Next()), Subdomain = Maybe(PickOf(_services.Keys).Name) }, "rename host of");
            case 10:
                return SetPod(podKey, pod with { NodeName = Maybe("node-" + _random.Next(2)), Zone = Maybe("zone-" + _random.Next(2)) }, "move node/zone of");
            case 11:
                return SetPod(podKey, pod with { PortName = Pick(["http", "web", null]), PortNumber = Pick([8080, 8081]) }, "change container port of");
            case 12:
                return SetPod(podKey, pod with { Phase = Pick(["Running", "Pending", "Succeeded", "Failed"]) }, "change phase of");
            case 13:
                return RemoveService(serviceKey);
            case 14:
            case 15:
                return SetService(serviceKey, service with { Selector = RandomSelector() }, "edit selector of");
            case 16:
                return SetService(serviceKey, service with { Ports = RandomPorts() }, "rename/retarget ports of");
            case 17:
                return SetService(serviceKey, service with { PublishNotReady = !service.PublishNotReady }, "toggle publishNotReadyAddresses on");
            case 18:
                return SetService(serviceKey, service with { Families = RandomFamilies() }, "change families of");
            case 19:
                return SetService(serviceKey, service with { ExternalName = !service.ExternalName }, "toggle ExternalName on");
            case 20:
                return SetService(serviceKey, service with { Team = Maybe("team-" + _random.Next(2)) }, "relabel");
            default:
                return SetService(serviceKey, service with { PreferClose = !service.PreferClose }, "toggle trafficDistribution on");
        }
    }

    /// <summary>Every object, freshly built: what a reload of the manifest files produces.</summary>
    public LoadResult Files()
    {
        var objects = new List<LoadedObject>(_pods.Count + _services.Count);
        foreach (var (key, pod) in _pods)
        {
            objects.Add(new LoadedObject(PodKind, key, pod.Build(), Location));
        }

        foreach (var (key, service) in _services)
        {
            objects.Add(new LoadedObject(ServiceKind, key, service.Build(), Location));
        }

        return new LoadResult(objects, [], [], ["model.yaml"]);
    }

    /// <summary>The objects touched since the last call (fresh instances) and the touched keys that are gone.</summary>
    public (List<LoadedObject> Upserts, List<ResourceKey> Deletes) TakeTouched()
    {
        var upserts = new List<LoadedObject>();
        var deletes = new List<ResourceKey>();
        foreach (var key in _touched)
        {
            if (_pods.TryGetValue(key, out var pod))
            {
                upserts.Add(new LoadedObject(PodKind, key, pod.Build(), Location));
            }
            else if (_services.TryGetValue(key, out var service))
            {
                upserts.Add(new LoadedObject(ServiceKind, key, service.Build(), Location));
            }
            else
            {
                deletes.Add(key);
            }
        }

        _touched.Clear();
        return (upserts, deletes);
    }

    private string AddPod()
    {
        var pod = new PodModel(Pick(Namespaces), "pod-" + Next(), RandomLabels(), _random.Next(3) > 0, RandomIps())
        {
            PortName = Pick(["http", "web", null]),
        };
        return SetPod(KeyOf(pod), pod, "add");
    }

    private string AddService()
    {
        var service = new ServiceModel(Pick(Namespaces), "svc-" + Next(), RandomSelector(), RandomPorts(), RandomFamilies());
        return SetService(new ResourceKey(string.Empty, "Service", service.Namespace, service.Name), service, "add");
    }

    private string RemovePod(ResourceKey key)
    {
        _pods.Remove(key);
        _touched.Add(key);
        return "remove " + key;
    }

    private string RemoveService(ResourceKey key)
    {
        _services.Remove(key);
        _touched.Add(key);
        return "remove " + key;
    }

    private string SetPod(ResourceKey key, PodModel pod, string what)
    {
        _pods[key] = pod;
        _touched.Add(key);
        return what + " " + key;
    }

    private string SetService(ResourceKey key, ServiceModel service, string what)
    {
        _services[key] = service;
        _touched.Add(key);
        return what + " " + key;
    }

    private static ResourceKey KeyOf(PodModel pod) => new(string.Empty, "Pod", pod.Namespace, pod.Name);

    private Dictionary<string, string> RandomLabels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_random.Next(5) > 0)
        {
            labels["app"] = Pick(["a", "b", "c"]);
        }

        if (_random.Next(2) == 0)
        {
            labels["tier"] = Pick(["x", "y"]);
        }

        return labels;
    }

    private Dictionary<string, string>? RandomSelector()
    {
        switch (_random.Next(8))
        {
            case 0:
                return null;
            case 1:
                return new Dictionary<string, string>(StringComparer.Ordinal);
            default:
                var selector = RandomLabels();
                if (selector.Count == 0)
                {
                    selector["app"] = Pick(["a", "b", "c"]);
                }

                return selector;
        }
    }

    private List<PortModel> RandomPorts()
    {
        var ports = new List<PortModel> { new(Pick(["http", "main", ""]), 80, Pick(["http", "web", "8080", null])) };
        if (_random.Next(3) == 0)
        {
            ports.Add(new PortModel(Pick(["metrics", "admin"]), 9090, Pick(["web", "9090"])));
        }

        return ports;
    }

    private string[] RandomFamilies() => Pick<string[]>([["IPv4"], ["IPv6"], ["IPv4", "IPv6"], ["IPv6", "IPv4"], []]);

    private string[] RandomIps()
    {
        var n = Next();
        var v4 = "192.0.2." + ((n % 250) + 1).ToString(CultureInfo.InvariantCulture);
        var v6 = "2001:db8::" + n.ToString("x", CultureInfo.InvariantCulture);
        return _random.Next(6) switch
        {
            0 => [],
            1 => [v6],
            2 => [v4, v6],
            3 => [v6, v4],
            _ => [v4],
        };
    }

    private string? Maybe(string value) => _random.Next(2) == 0 ? null : value;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T PickOf<T>(IEnumerable<T> items) => Pick<T>([.. items]);

    private int Next() => ++_serial;
}
