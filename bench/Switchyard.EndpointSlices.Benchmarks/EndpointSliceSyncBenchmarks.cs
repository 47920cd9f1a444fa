using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Benchmarks;

/// <summary>
/// The EndpointSlice controller over 10,000 single-stack IPv6 Services with 10 Pods each (Pod IPs in 2001:db8::/32):
/// <list type="bullet">
/// <item><see cref="Desired"/>: every slice computed from scratch, nothing written (the reference the syncs must equal).</item>
/// <item><see cref="FullSync"/>: a new controller's first sync of a store holding the 110,000 objects: indexes built,
/// every Service computed, 10,000 slices written.</item>
/// <item><see cref="PodReadinessChange_Sync"/>: the store already holds one Pod with its readiness flipped (written in
/// the iteration setup, not measured); measured is the controller's sync that follows: reading the store's journal,
/// updating its indexes, recomputing the one affected Service and writing its changed slice to the store. Not included:
/// reading and parsing manifests, the write of the Pod itself, translation to the IR and the data planes.</item>
/// <item><see cref="PodReadinessChange_WriteAndSync"/>: the same change including the Pod's store write
/// (<see cref="ResourceStore.UpdateSource"/>), without per-iteration setup, so BenchmarkDotNet can average many calls.</item>
/// <item><see cref="ResyncUnchanged"/>: a sync with nothing changed since the last one.</item>
/// </list>
/// Managed memory of the store and of the controller's state is printed once per run (lines starting "MEMORY").
/// </summary>
[MemoryDiagnoser]
public class EndpointSliceSyncBenchmarks
{
    private const int Services = 10_000;
    private const int PodsPerService = 10;

    private static readonly KindInfo PodKind = KindRegistry.For<V1Pod>();
    private static readonly SourceLocation Location = new("bench.yaml", 0);

    private LoadResult _files = LoadResult.Empty;
    private LoadedObject? _pod;
    private ResourceStore _store = new();
    private EndpointSliceController _controller = new();
    private bool _ready = true;

    [GlobalSetup]
    public void Setup()
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var objects = new List<LoadedObject>(Services * (PodsPerService + 1));
        var serviceKind = KindRegistry.For<V1Service>();
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
                    IpFamilies = ["IPv6"],
                    IpFamilyPolicy = "SingleStack",
                    Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http", Protocol = "TCP" }],
                },
            };
            objects.Add(new LoadedObject(serviceKind, new ResourceKey(string.Empty, "Service", "bench", name), service, Location));
            for (var p = 0; p < PodsPerService; p++)
            {
                var pod = Pod(name, p, (s * PodsPerService) + p + 1, ready: true);
                _pod = new LoadedObject(PodKind, new ResourceKey(string.Empty, "Pod", "bench", pod.Metadata.Name), pod, Location);
                objects.Add(_pod);
            }
        }

        var allocator = new ServiceAllocator(new ServiceAllocatorOptions { ServiceCidrs = ["2001:db8:96::/112"] });
        _files = allocator.Admit(new LoadResult(objects, [], [], ["bench.yaml"]));
        if (_files.Errors.Count > 0)
        {
            throw new InvalidOperationException(_files.Errors[0].ToString());
        }

        _store = new ResourceStore();
        _store.ReplaceAll(_files);
        var stored = GC.GetTotalMemory(forceFullCollection: true);
        _controller = new EndpointSliceController();
        var change = _controller.Sync(_store);
        var synced = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"MEMORY store with {Services:N0} Services + {Services * PodsPerService:N0} Pods: {(stored - baseline) / 1048576.0:F1} MiB managed; "
            + $"controller state + {change.Added:N0} slices: {(synced - stored) / 1048576.0:F1} MiB more; total managed {synced / 1048576.0:F1} MiB, "
            + $"working set {Environment.WorkingSet / 1048576.0:F0} MiB"));
    }

    [IterationSetup(Target = nameof(FullSync))]
    public void FreshStoreAndController()
    {
        _store = new ResourceStore();
        _store.ReplaceAll(_files);
        _controller = new EndpointSliceController();
    }

    [IterationSetup(Target = nameof(PodReadinessChange_Sync))]
    public void OnePodReadinessFlipped() => FlipPod();

    [Benchmark]
    public int Desired() => _controller.Desired(_store.Current).Count;

    [Benchmark]
    public StoreChange FullSync() => _controller.Sync(_store);

    [Benchmark]
    public StoreChange PodReadinessChange_Sync() => _controller.Sync(_store);

    [Benchmark]
    public StoreChange PodReadinessChange_WriteAndSync()
    {
        FlipPod();
        return _controller.Sync(_store);
    }

    [Benchmark]
    public StoreChange ResyncUnchanged() => _controller.Sync(_store);

    // A fresh instance every time (the store treats stored objects as immutable), alternating ready and not ready.
    private void FlipPod()
    {
        _ready = !_ready;
        var pod = Pod("svc-" + (Services - 1).ToString("D5", CultureInfo.InvariantCulture), PodsPerService - 1, Services * PodsPerService, _ready);
        var change = _store.UpdateSource(ResourceStore.FilesSource, [_pod! with { Object = pod }], []);
        if (change.Updated != 1)
        {
            throw new InvalidOperationException("the Pod did not change: " + change);
        }
    }

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
            PodIP = PodIP(serial),
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    // 2001:db8:0:1::/64 plus the serial in the low 32 bits: documentation addresses, one per Pod.
    private static string PodIP(int serial)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = 0xb8;
        bytes[7] = 0x01;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes[12..], serial);
        return new IPAddress(bytes).ToString();
    }
}
