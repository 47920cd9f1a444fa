using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using Switchyard.Resources.Loading;

namespace Switchyard.Resources.Store;

/// <summary>
/// The single source of objects that controllers and data planes read, keyed by group/kind/namespace/name, with
/// resourceVersion, generation and change notifications. Sources only write here; readers take a <see cref="StoreSnapshot"/>.
/// </summary>
public sealed partial class ResourceStore
{
    /// <summary>The source name of objects read from manifest files.</summary>
    public const string FilesSource = "files";

    // Enough for controllers that sync after every change; one that falls further behind recomputes everything.
    private const int JournalEntries = 64;
    private const int JournalKeys = 1 << 18;

    private readonly Lock _gate = new();
    private readonly StoreJournal _journal = new(JournalEntries, JournalKeys);
    private StoreSnapshot _current = StoreSnapshot.Empty;

    /// <summary>Raised after every change, with the new snapshot (outside the store's lock).</summary>
    public event Action<StoreSnapshot>? Changed;

    public StoreSnapshot Current => Volatile.Read(ref _current);

    /// <summary>creationTimestamp of an object already stored, so reloads keep it.</summary>
    public DateTime? CreationOf(ResourceKey key) => Current.Find(key)?.Object.Metadata.CreationTimestamp;

    /// <summary>Replaces everything the manifest files contributed; see <see cref="ReplaceSource"/>.</summary>
    public StoreChange ReplaceAll(LoadResult load) => ReplaceSource(FilesSource, load);

    /// <summary>
    /// Replaces the objects owned by one source with a complete load of it: new objects are added, changed ones updated,
    /// missing ones deleted, and objects refused by this load keep their last good version. Objects of other sources are
    /// untouched; an object whose key another source already owns is refused by the store.
    /// </summary>
    public StoreChange ReplaceSource(string source, LoadResult load)
    {
        ArgumentNullException.ThrowIfNull(load);
        StoreChange change;
        StoreSnapshot next;
        lock (_gate)
        {
            var write = new Write(_current, source);
            var present = new HashSet<ResourceKey>();
            // Key order, not file order, so resourceVersions do not depend on how documents are arranged.
            foreach (var loaded in load.Objects.OrderBy(o => o.Key))
            {
                if (write.Upsert(loaded))
                {
                    present.Add(loaded.Key);
                }
            }

            var refused = load.Errors.Where(e => e.Object is not null).Select(e => e.Object!.Value).ToHashSet();
            foreach (var (key, stored) in write.Current.Objects)
            {
                if (stored.Source != source || present.Contains(key))
                {
                    continue;
                }

                if (refused.Contains(key))
                {
                    write.Kept++;
                    continue;
                }

                write.Delete(key);
            }

            change = write.Change;
            if (!change.Any)
            {
                return change;
            }

            next = Commit(write);
        }

        Changed?.Invoke(next);
        return change;
    }

    /// <summary>
    /// Applies part of one source's objects: <paramref name="upserts"/> are added or updated and the keys in
    /// <paramref name="deletes"/> removed; the source's other objects stay as they are. For controllers that recompute
    /// only what changed (see <see cref="TryGetChanges"/>), where <see cref="ReplaceSource"/> would have to walk every
    /// object. Ownership rules are those of <see cref="ReplaceSource"/>: keys of other sources are neither written nor deleted.
    /// </summary>
    public StoreChange UpdateSource(string source, IReadOnlyCollection<LoadedObject> upserts, IReadOnlyCollection<ResourceKey> deletes)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletes);
        StoreChange change;
        StoreSnapshot next;
        lock (_gate)
        {
            var write = new Write(_current, source);
            var present = new HashSet<ResourceKey>();
            foreach (var loaded in upserts.OrderBy(o => o.Key))
            {
                if (write.Upsert(loaded))
                {
                    present.Add(loaded.Key);
                }
            }

            foreach (var key in deletes.Order())
            {
                if (!present.Contains(key) && write.Current.Find(key) is { } stored && stored.Source == source)
                {
                    write.Delete(key);
                }
            }

            change = write.Change;
            if (!change.Any)
            {
                return change;
            }

            next = Commit(write);
        }

        Changed?.Invoke(next);
        return change;
    }

    /// <summary>
    /// The keys of every object added, updated or deleted after revision <paramref name="since"/> up to revision
    /// <paramref name="until"/> (both <see cref="StoreSnapshot.Revision"/>s of this store), each once. False when the
    /// store no longer remembers that far back (it keeps a bounded journal of recent changes) or the range is not one
    /// of its revisions; the caller then compares everything.
    /// </summary>
    public bool TryGetChanges(long since, long until, out IReadOnlyCollection<ResourceKey> keys)
    {
        lock (_gate)
        {
            return _journal.TryGetChanges(since, until, out keys);
        }
    }

    private StoreSnapshot Commit(Write write)
    {
        var next = new StoreSnapshot(write.Revision, write.Builder.ToImmutable());
        _journal.Append(write.Current.Revision, next.Revision, [.. write.Touched]);
        Volatile.Write(ref _current, next);
        return next;
    }

    // Content equality ignores the fields the store itself assigns, so an untouched object is not "updated". Both
    // objects are serialized once: the same JSON also tells whether the spec changed (for generation).
    private static bool SameContent(
        k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> stored,
        k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> loaded,
        out JsonNode? storedJson,
        out JsonNode? loadedJson)
    {
        storedJson = Comparable(stored, loaded);
        loadedJson = Comparable(loaded, loaded);
        return JsonNode.DeepEquals(storedJson, loadedJson);
    }

    private static JsonNode? Comparable(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> obj, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> reference)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj));
        if (node?["metadata"] is JsonObject meta)
        {
            if (reference.Metadata.ResourceVersion is null)
            {
                meta.Remove("resourceVersion");
            }

            if (reference.Metadata.Generation is null)
            {
                meta.Remove("generation");
            }

            if (reference.Metadata.Uid is null)
            {
                meta.Remove("uid");
            }
        }

        return node;
    }

    private static bool SameSpec(JsonNode? stored, JsonNode? loaded) =>
        stored?["spec"]?.ToJsonString() == loaded?["spec"]?.ToJsonString();
}
