using k8s;
using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;

namespace Switchyard.Resources.Store;

/// <summary>An object in the store. Treat <see cref="Object"/> as immutable: the store never changes it after insertion.</summary>
public sealed record StoredObject(ResourceKey Key, KindInfo Info, IKubernetesObject<V1ObjectMeta> Object, SourceLocation Location)
{
    /// <summary>The writer that owns the object: <see cref="ResourceStore.FilesSource"/> or a controller's name.</summary>
    public string Source { get; init; } = ResourceStore.FilesSource;

    public long ResourceVersion => long.TryParse(Object.Metadata.ResourceVersion, out var rv) ? rv : 0;

    public long Generation => Object.Metadata.Generation ?? 1;
}
