using Switchyard.EndpointSlices;
using Switchyard.EndpointSlices.Allocation;
using k8s.Models;
using Switchyard.Probing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Cli.Serving;

/// <summary>
/// The one pipeline every command shares: manifest files → loader → store → translator → validated snapshot.
/// Not thread-safe: one reload at a time (the serve loop serializes them).
/// </summary>
internal sealed class ConfigPipeline
{
    private readonly IReadOnlyList<string> _paths;
    private readonly ManifestLoader _loader;
    private readonly Translator _translator;
    private readonly TimeProvider _time;

    // Both keep state across reloads: allocations are stable, and slices are only rewritten when they change.
    private readonly ServiceAllocator _allocator;
    private readonly EndpointSliceController _endpointSlices = new();
    private TranslationResult _current = TranslationResult.Empty;
    private long _generation;

    private readonly ReadinessProber? _prober;

    // The Pods of the last file load as written (before the probe overlay), so that a readiness flip can re-overlay one
    // Pod without reading the files again.
    private Dictionary<ResourceKey, LoadedObject> _filePods = [];

    public ConfigPipeline(IReadOnlyList<string> paths, TranslatorOptions options, TimeProvider time, TextReader? stdin = null, ServiceAllocatorOptions? allocation = null, ReadinessProber? prober = null)
    {
        _paths = paths;
        _prober = prober;
        _allocator = new ServiceAllocator(allocation ?? new ServiceAllocatorOptions());
        _time = time;
        _loader = new ManifestLoader(stdin);
        _translator = new Translator(options, time);
    }

    public ResourceStore Store { get; } = new();

    public LoadResult LastLoad { get; private set; } = LoadResult.Empty;

    /// <summary>The last translation that passed validation (the one the data planes serve).</summary>
    public TranslationResult Current => Volatile.Read(ref _current);

    /// <summary>Store snapshot the current translation was made from.</summary>
    public StoreSnapshot CurrentStore { get; private set; } = StoreSnapshot.Empty;

    public bool HasPublished { get; private set; }

    /// <summary>
    /// Replaces the published result's status with one that includes runtime facts (e.g. listener bind failures);
    /// the next translation carries its conditions' transition times forward.
    /// </summary>
    public void OverlayStatus(Func<TranslationResult, TranslationResult> overlay) => Volatile.Write(ref _current, overlay(Current));

    /// <summary>With probing on, Pods' Ready conditions come from their readinessProbes, as the kubelet reports them.</summary>
    private LoadResult ApplyProbes(LoadResult load, DateTime now)
    {
        if (_prober is null)
        {
            return load;
        }

        _prober.Update(load.Objects.Select(o => o.Object).OfType<V1Pod>());
        _filePods = load.Objects.Where(o => o.Object is V1Pod).ToDictionary(o => o.Key);
        var objects = load.Objects
            .Select(o => o.Object is V1Pod pod ? o with { Object = _prober.Overlay(pod, now) } : o)
            .ToList();
        return load with { Objects = objects };
    }

    public ReloadOutcome Reload()
    {
        // The API server stores creationTimestamp with second precision; one instant per load batch.
        var now = _time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var load = _allocator.Admit(ApplyProbes(_loader.Load(_paths, now, Store.CreationOf), now));
        LastLoad = load;
        var change = Store.ReplaceAll(load);
        return Publish(load, change);
    }

    /// <summary>
    /// Probed readiness of some Pods changed: only those Pods are rewritten in the store (a partial write of the files'
    /// objects) and the EndpointSlice controller syncs just what that touched; the files are not read again, so an edit
    /// on disk waits for its own reload.
    /// </summary>
    public ReloadOutcome ApplyReadiness(IEnumerable<PodReadinessChange> changes)
    {
        if (_prober is null)
        {
            return new ReloadOutcome(LastLoad, new StoreChange(0, 0, 0, 0, 0), null, []);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var upserts = new Dictionary<ResourceKey, LoadedObject>();
        foreach (var change in changes)
        {
            var key = new ResourceKey(string.Empty, "Pod", change.Namespace, change.Name);
            if (_filePods.TryGetValue(key, out var loaded) && loaded.Object is V1Pod pod)
            {
                upserts[key] = loaded with { Object = _prober.Overlay(pod, now) };
            }
        }

        var storeChange = Store.UpdateSource(ResourceStore.FilesSource, upserts.Values, []);
        return Publish(LastLoad, storeChange);
    }

    private ReloadOutcome Publish(LoadResult load, StoreChange change)
    {
        var slices = _endpointSlices.Sync(Store);
        if (!change.Any && !slices.Any && HasPublished)
        {
            return new ReloadOutcome(load, change, null, []);
        }

        var store = Store.Current;
        var result = _translator.Translate(store, _generation + 1, _current);
        var problems = result.Snapshot.Validate();
        if (problems.Count > 0)
        {
            return new ReloadOutcome(load, change, null, problems);
        }

        _generation++;
        CurrentStore = store;
        Volatile.Write(ref _current, result);
        HasPublished = true;
        return new ReloadOutcome(load, change, result, []);
    }
}
