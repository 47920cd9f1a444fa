using System.Collections.Immutable;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Store;

/// <summary>An immutable view of the store at one revision: what the translator reads.</summary>
public sealed class StoreSnapshot
{
    public static StoreSnapshot Empty { get; } = new(0, ImmutableSortedDictionary<ResourceKey, StoredObject>.Empty);

    public StoreSnapshot(long revision, ImmutableSortedDictionary<ResourceKey, StoredObject> objects)
    {
        Revision = revision;
        Objects = objects;
    }

    /// <summary>Store-wide resourceVersion of the last change included.</summary>
    public long Revision { get; }

    /// <summary>Every object, ordered by group, kind, namespace, name.</summary>
    public ImmutableSortedDictionary<ResourceKey, StoredObject> Objects { get; }

    public IEnumerable<StoredObject> All => Objects.Values;

    /// <summary>All objects of a CLR type, in key order.</summary>
    public IEnumerable<T> OfType<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        foreach (var stored in Objects.Values)
        {
            if (stored.Object is T typed)
            {
                yield return typed;
            }
        }
    }

    public StoredObject? Find(ResourceKey key) => Objects.TryGetValue(key, out var stored) ? stored : null;

    public T? Get<T>(string group, string kind, string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Find(new ResourceKey(group, kind, ns, name))?.Object as T;
}
