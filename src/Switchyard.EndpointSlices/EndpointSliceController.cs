using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices;

/// <summary>
/// The EndpointSlice controller (upstream <c>pkg/controller/endpointslice</c> with <c>k8s.io/endpointslice</c>), made
/// pure: <see cref="Desired"/> computes every managed slice from a store snapshot, and <see cref="Sync"/> writes them
/// to the store as their own source, recomputing only the Services that the store changes since the last sync affect.
/// Services without a selector are left to the slices the user writes.
/// </summary>
public sealed class EndpointSliceController
{
    /// <summary>The store source that owns the slices this controller writes.</summary>
    public const string SourceName = "endpointslice-controller";

    /// <summary>Upstream's default <c>--max-endpoints-per-slice</c>.</summary>
    public const int DefaultMaxEndpointsPerSlice = 100;

    private const string DiscoveryGroup = "discovery.k8s.io";

    private static readonly KindInfo SliceKind = KindRegistry.For<V1EndpointSlice>();
    private static readonly SourceLocation Origin = new("<" + SourceName + ">", 0);

    private readonly SliceBuilder _builder;
    private SyncState? _state;

    public EndpointSliceController(int maxEndpointsPerSlice = DefaultMaxEndpointsPerSlice)
    {
        _builder = new SliceBuilder(maxEndpointsPerSlice);
    }

    /// <summary>How many syncs recomputed every Service (the first, and any after the store's journal ran out).</summary>
    internal int FullSyncs { get; private set; }

    /// <summary>
    /// Every slice the controller wants, ordered by Service (namespace, name), then address type in the Service's
    /// family order, then port set, then chunk. The same snapshot always gives the same slices.
    /// </summary>
    public IReadOnlyList<V1EndpointSlice> Desired(StoreSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        PodIndex? index = null;
        var slices = new List<V1EndpointSlice>();
        foreach (var service in snapshot.OfType<V1Service>())
        {
            if (!ServiceSelector.IsManaged(service))
            {
                continue;
            }

            index ??= new PodIndex(snapshot);
            _builder.Build(service, index.Select(service.Metadata.NamespaceProperty ?? string.Empty, service.Spec.Selector), slices);
        }

        return slices;
    }

    /// <summary>
    /// Writes the desired slices under <see cref="SourceName"/>, so that the controller's objects in the store are
    /// exactly <see cref="Desired"/> of the store's current snapshot. The first sync with a store recomputes every
    /// Service; later ones take the keys changed since (<see cref="ResourceStore.TryGetChanges"/>) and recompute only the
    /// Services those changes affect: for a Pod, the Services selecting its old or new labels; a changed Service itself.
    /// When the store's journal no longer reaches back to the last sync, everything is recomputed again. Unchanged
    /// input gives an unchanged store (no <see cref="ResourceStore.Changed"/> event), so calling it after every load is
    /// safe. <see cref="StoreChange.Unchanged"/> counts the recomputed slices that were already stored as desired.
    /// Not thread-safe: one sync at a time.
    /// </summary>
    public StoreChange Sync(ResourceStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var snapshot = store.Current;
        if (_state is { } state && ReferenceEquals(state.Store, store)
            && store.TryGetChanges(state.Seen.Revision, snapshot.Revision, out var keys))
        {
            return SyncChanges(state, snapshot, keys);
        }

        return SyncAll(store, snapshot);
    }

    private StoreChange SyncAll(ResourceStore store, StoreSnapshot snapshot)
    {
        _state = null;
        FullSyncs++;
        var state = new SyncState(store, snapshot, new PodIndex(snapshot));
        var batch = new Batch(includeUnchanged: true);
        var owned = 0;
        foreach (var stored in snapshot.All)
        {
            if (stored.Source == SourceName)
            {
                owned++;
            }

            if (stored.Object is V1Service service && ServiceSelector.IsManaged(service))
            {
                state.Services.Add(stored.Key, service);
                Reconcile(state, snapshot, stored.Key, service, batch);
            }
        }

        // Unchanged slices are passed as the stored instances; when nothing changed the store is not touched at all.
        StoreChange change;
        if (batch.Unchanged == batch.Objects.Count && owned == batch.Objects.Count)
        {
            change = new StoreChange(0, 0, 0, batch.Unchanged, 0);
        }
        else
        {
            change = store.ReplaceSource(SourceName, new LoadResult(batch.Objects, [], [], []));
        }

        SkipOwnWrite(state, snapshot);
        _state = state;
        return change;
    }

    private StoreChange SyncChanges(SyncState state, StoreSnapshot snapshot, IReadOnlyCollection<ResourceKey> keys)
    {
        // Half-applied changes leave the indexes behind the store: should this sync fail, the next one starts over.
        _state = null;
        var dirty = new HashSet<ResourceKey>();
        foreach (var key in keys)
        {
            state.Observe(key, snapshot, dirty);
        }

        state.Seen = snapshot;
        if (dirty.Count == 0)
        {
            _state = state;
            return new StoreChange(0, 0, 0, 0, 0);
        }

        var batch = new Batch(includeUnchanged: false);
        foreach (var key in dirty)
        {
            Reconcile(state, snapshot, key, snapshot.Find(key)?.Object as V1Service, batch);
        }

        if (batch.Objects.Count == 0 && batch.Deletes.Count == 0)
        {
            _state = state;
            return new StoreChange(0, 0, 0, batch.Unchanged, 0);
        }

        var change = state.Store.UpdateSource(SourceName, batch.Objects, batch.Deletes);
        SkipOwnWrite(state, snapshot);
        _state = state;
        return change with { Unchanged = change.Unchanged + batch.Unchanged };
    }

    /// <summary>
    /// Recomputes one Service's slices (none when it is gone or no longer managed) against what the store holds: each
    /// slice stored as desired is kept as that instance, the others go into the batch, and slices the Service had
    /// before but no longer wants are deleted.
    /// </summary>
    private void Reconcile(SyncState state, StoreSnapshot snapshot, ResourceKey serviceKey, V1Service? service, Batch batch)
    {
        var desired = new List<V1EndpointSlice>();
        if (service is not null && ServiceSelector.IsManaged(service))
        {
            _builder.Build(service, state.Pods.Select(service.Metadata.NamespaceProperty ?? string.Empty, service.Spec.Selector), desired);
        }

        var keys = new ResourceKey[desired.Count];
        var instances = new V1EndpointSlice[desired.Count];
        for (var i = 0; i < desired.Count; i++)
        {
            var slice = desired[i];
            var key = new ResourceKey(DiscoveryGroup, SliceKind.Kind, slice.Metadata.NamespaceProperty, slice.Metadata.Name);
            keys[i] = key;
            if (snapshot.Find(key) is { Source: SourceName, Object: V1EndpointSlice stored } && SliceEquality.Same(stored, slice))
            {
                instances[i] = stored;
                batch.Unchanged++;
                if (batch.IncludeUnchanged)
                {
                    batch.Objects.Add(new LoadedObject(SliceKind, key, stored, Origin));
                }
            }
            else
            {
                instances[i] = slice;
                batch.Objects.Add(new LoadedObject(SliceKind, key, slice, Origin));
            }
        }

        var previous = state.SlicesOf(serviceKey);
        foreach (var key in previous)
        {
            if (Array.IndexOf(keys, key) < 0)
            {
                batch.Deletes.Add(key);
            }
        }

        state.Track(serviceKey, previous, keys, instances);
    }

    /// <summary>
    /// Moves the state past the controller's own write when nothing else changed in between, so the next sync does not
    /// look at the slices it just wrote.
    /// </summary>
    private static void SkipOwnWrite(SyncState state, StoreSnapshot before)
    {
        state.Seen = before;
        var after = state.Store.Current;
        if (!state.Store.TryGetChanges(before.Revision, after.Revision, out var written))
        {
            return;
        }

        foreach (var key in written)
        {
            if (!state.IsOwnWrite(key, after))
            {
                return;
            }
        }

        state.Seen = after;
    }

    /// <summary>The slices one sync writes (and, for a full sync, keeps) and the keys it deletes.</summary>
    private sealed class Batch(bool includeUnchanged)
    {
        public bool IncludeUnchanged { get; } = includeUnchanged;

        public List<LoadedObject> Objects { get; } = [];

        public List<ResourceKey> Deletes { get; } = [];

        public int Unchanged { get; set; }
    }
}
