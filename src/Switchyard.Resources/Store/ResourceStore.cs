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
public sealed class ResourceStore
{
    /// <summary>The source name of objects read from manifest files.</summary>
    public const string FilesSource = "files";

    private readonly Lock _gate = new();
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
        StoreChange change;
        StoreSnapshot next;
        lock (_gate)
        {
            var current = _current;
            var revision = current.Revision;
            var builder = current.Objects.ToBuilder();
            int added = 0, updated = 0, unchanged = 0, deleted = 0, kept = 0;
            var present = new HashSet<ResourceKey>();
            // Key order, not file order, so resourceVersions do not depend on how documents are arranged.
            foreach (var loaded in load.Objects.OrderBy(o => o.Key))
            {
                var existing = current.Find(loaded.Key);
                if (existing is not null && existing.Source != source)
                {
                    continue;
                }

                present.Add(loaded.Key);
                var meta = loaded.Object.Metadata;
                // Controllers hand back the stored instance for unchanged objects: no need to compare content.
                if (existing is not null && (ReferenceEquals(existing.Object, loaded.Object) || SameContent(existing.Object, loaded.Object)))
                {
                    unchanged++;
                    continue;
                }

                revision++;
                if (existing is null)
                {
                    meta.Generation ??= 1;
                    added++;
                }
                else
                {
                    meta.Generation ??= SpecOf(existing.Object)?.ToJsonString() == SpecOf(loaded.Object)?.ToJsonString()
                        ? existing.Generation
                        : existing.Generation + 1;
                    meta.Uid ??= existing.Object.Metadata.Uid;
                    updated++;
                }

                meta.ResourceVersion ??= revision.ToString(CultureInfo.InvariantCulture);
                builder[loaded.Key] = new StoredObject(loaded.Key, loaded.Info, loaded.Object, loaded.Location) { Source = source };
            }

            var refused = load.Errors.Where(e => e.Object is not null).Select(e => e.Object!.Value).ToHashSet();
            foreach (var (key, stored) in current.Objects)
            {
                if (stored.Source != source || present.Contains(key))
                {
                    continue;
                }

                if (refused.Contains(key))
                {
                    kept++;
                    continue;
                }

                builder.Remove(key);
                revision++;
                deleted++;
            }

            change = new StoreChange(added, updated, deleted, unchanged, kept);
            if (!change.Any)
            {
                return change;
            }

            next = new StoreSnapshot(revision, builder.ToImmutable());
            Volatile.Write(ref _current, next);
        }

        Changed?.Invoke(next);
        return change;
    }

    // Content equality ignores the fields the store itself assigns, so an untouched object is not "updated".
    private static bool SameContent(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> stored, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> loaded) =>
        JsonNode.DeepEquals(Comparable(stored, loaded), Comparable(loaded, loaded));

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

    private static JsonNode? SpecOf(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> obj) =>
        JsonNode.Parse(KubernetesJson.Serialize(obj))?["spec"];
}
