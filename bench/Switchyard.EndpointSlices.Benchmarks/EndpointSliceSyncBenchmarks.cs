using System.Globalization;
using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Benchmarks;

/// <summary>
/// The EndpointSlice controller over 10,000 Services with 10 Pods each: desired state alone, a full sync into an
/// empty controller source, a resync after one Pod changed readiness, and a resync with nothing changed.
/// </summary>
[MemoryDiagnoser]
public class EndpointSliceSyncBenchmarks
{
    private const int Services = 10_000;
    private const int PodsPerService = 10;

    private readonly EndpointSliceController _controller = new();
    private LoadResult _files = LoadResult.Empty;
    private LoadResult _filesOnePodChanged = LoadResult.Empty;
    private ResourceStore _store = new();
    private bool _changed;

    [GlobalSetup]
    public void Setup()
    {
        var objects = new List<LoadedObject>(Services * (PodsPerService + 1));
        var location = new SourceLocation("bench.yaml", 0);
        var serviceKind = KindRegistry.For<V1Service>();
        var podKind = KindRegistry.For<V1Pod>();
        LoadedObject? lastPod = null;
        for (var s = 0; s < Services; s++)
        {
            var name = "svc-" + s.ToString("D5", CultureInfo.InvariantCulture);
            var service = new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "bench", CreationTimestamp = DateTime.UnixEpoch },
                Spec = new V1ServiceSpec
                {
                    Selector = new Dictionary<string, string> { ["app"] = name },
                    Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http", Protocol = "TCP" }],
                },
            };
            objects.Add(new LoadedObject(serviceKind, new ResourceKey(string.Empty, "Service", "bench", name), service, location));
            for (var p = 0; p < PodsPerService; p++)
            {
                var pod = Pod(name, p, s * PodsPerService + p, ready: true);
                lastPod = new LoadedObject(podKind, new ResourceKey(string.Empty, "Pod", "bench", pod.Metadata.Name), pod, location);
                objects.Add(lastPod);
            }
        }

        _files = new ServiceAllocator().Admit(new LoadResult(objects, [], [], ["bench.yaml"]));

        // The same objects but one Pod, which is now not ready.
        var changed = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(lastPod!.Object));
        changed.Status.Conditions[0].Status = "False";
        var changedObjects = _files.Objects.ToList();
        changedObjects[changedObjects.IndexOf(lastPod)] = lastPod with { Object = changed };
        _filesOnePodChanged = _files with { Objects = changedObjects };
    }

    [IterationSetup(Targets = [nameof(Desired), nameof(FullSync)])]
    public void FreshStore()
    {
        _store = new ResourceStore();
        _store.ReplaceAll(_files);
    }

    [IterationSetup(Target = nameof(ResyncUnchanged))]
    public void SyncedStore()
    {
        if (_store.Current.Objects.IsEmpty)
        {
            _store.ReplaceAll(_files);
        }

        _controller.Sync(_store);
    }

    // Synced, then the files reloaded with one Pod's readiness flipped (alternating, so every iteration changes it).
    [IterationSetup(Target = nameof(ResyncOnePodChanged))]
    public void SyncedStoreThenOnePodChanged()
    {
        SyncedStore();
        _changed = !_changed;
        _store.ReplaceAll(_changed ? _filesOnePodChanged : _files);
    }

    [Benchmark]
    public int Desired() => _controller.Desired(_store.Current).Count;

    [Benchmark]
    public StoreChange FullSync() => _controller.Sync(_store);

    [Benchmark]
    public StoreChange ResyncOnePodChanged() => _controller.Sync(_store);

    [Benchmark]
    public StoreChange ResyncUnchanged() => _controller.Sync(_store);

    private static V1Pod Pod(string service, int index, int serial, bool ready) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = service + "-" + index.ToString(CultureInfo.InvariantCulture),
            NamespaceProperty = "bench",
            Labels = new Dictionary<string, string> { ["app"] = service },
            CreationTimestamp = DateTime.UnixEpoch,
        },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "web", Image = "web", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" }] }],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            PodIP = string.Create(CultureInfo.InvariantCulture, $"10.{serial >> 16 & 0xff}.{serial >> 8 & 0xff}.{serial & 0xff}"),
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };
}
