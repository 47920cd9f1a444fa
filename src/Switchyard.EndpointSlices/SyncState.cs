using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices;

/// <summary>
/// What the controller remembers between syncs: the store snapshot its indexes reflect, the Pods and Services indexed
/// for selection, and which slices it wrote for which Service (the instances it handed to the store). With these a
/// store change maps to the Services it affects without looking at the rest.
/// </summary>
internal sealed class SyncState(ResourceStore store, StoreSnapshot seen, PodIndex pods)
{
    private readonly Dictionary<ResourceKey, ResourceKey[]> _slicesOf = [];
    private readonly Dictionary<ResourceKey, OwnedSlice> _owners = [];

    public ResourceStore Store { get; } = store;

    /// <summary>The snapshot the indexes reflect: changes after its revision are still to be observed.</summary>
    public StoreSnapshot Seen { get; set; } = seen;

    public PodIndex Pods { get; } = pods;

    public ServiceIndex Services { get; } = new();

    /// <summary>
    /// Applies the change of one key between <see cref="Seen"/> and <paramref name="next"/> to the indexes and adds the
    /// Services whose slices it can change to <paramref name="dirty"/>: for a Pod, the Services of its namespace that
    /// select its old or its new labels; for a Service, itself; for a slice the controller wrote, its Service when the
    /// store no longer holds the controller's instance (someone else wrote or removed the key).
    /// </summary>
    public void Observe(ResourceKey key, StoreSnapshot next, HashSet<ResourceKey> dirty)
    {
        var before = Seen.Find(key);
        var after = next.Find(key);
        if (ReferenceEquals(before?.Object, after?.Object) && before?.Source == after?.Source)
        {
            return;
        }

        switch (before?.Object ?? after?.Object)
        {
            case V1Pod:
                if (before?.Object is V1Pod oldPod)
                {
                    Pods.Remove(oldPod);
                    Services.AddSelecting(oldPod.Metadata.NamespaceProperty ?? string.Empty, oldPod.Metadata.Labels, dirty);
                }

                if (after?.Object is V1Pod newPod)
                {
                    Pods.Add(newPod);
                    Services.AddSelecting(newPod.Metadata.NamespaceProperty ?? string.Empty, newPod.Metadata.Labels, dirty);
                }

                break;
            case V1Service:
                Services.Remove(key);
                if (after?.Object is V1Service service && ServiceSelector.IsManaged(service))
                {
                    Services.Add(key, service);
                }

                dirty.Add(key);
                break;
            case V1EndpointSlice:
                if (_owners.TryGetValue(key, out var owned) && !Holds(next, key, owned))
                {
                    dirty.Add(owned.Service);
                }

                break;
        }
    }

    /// <summary>Whether observing the key would change nothing: a slice key whose stored object is the controller's own, or one it does not own.</summary>
    public bool IsOwnWrite(ResourceKey key, StoreSnapshot next)
    {
        var stored = next.Find(key) ?? Seen.Find(key);
        if (stored is null)
        {
            return true;
        }

        if (stored.Object is not V1EndpointSlice)
        {
            return false;
        }

        return !_owners.TryGetValue(key, out var owned) || Holds(next, key, owned);
    }

    /// <summary>The keys of the slices last written for a Service (empty when none).</summary>
    public ResourceKey[] SlicesOf(ResourceKey service) => _slicesOf.GetValueOrDefault(service) ?? [];

    /// <summary>Records a Service's slices: their keys and the instances handed to (or kept in) the store.</summary>
    public void Track(ResourceKey service, ResourceKey[] previous, ResourceKey[] keys, V1EndpointSlice[] instances)
    {
        foreach (var key in previous)
        {
            _owners.Remove(key);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            _owners[keys[i]] = new OwnedSlice(service, instances[i]);
        }

        if (keys.Length == 0)
        {
            _slicesOf.Remove(service);
        }
        else
        {
            _slicesOf[service] = keys;
        }
    }

    private static bool Holds(StoreSnapshot snapshot, ResourceKey key, OwnedSlice owned) =>
        snapshot.Find(key) is { } stored
        && stored.Source == EndpointSliceController.SourceName
        && ReferenceEquals(stored.Object, owned.Instance);

    private readonly record struct OwnedSlice(ResourceKey Service, V1EndpointSlice Instance);
}
