using k8s;
using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.Translation;

/// <summary>
/// An object the controller generates for an input object, e.g. the Service a Gateway is exposed by (GEP-1762).
/// Shown next to the inputs by <c>status</c> and admin <c>/status</c>; it is never fed back into the store, so it
/// allocates nothing and publishes no DNS records.
/// </summary>
/// <param name="Key">The generated object's own identity.</param>
/// <param name="Owner">The input object it was generated for.</param>
/// <param name="Object">The object as Kubernetes would hold it, status included.</param>
public sealed record GeneratedObject(ResourceKey Key, ResourceKey Owner, IKubernetesObject<V1ObjectMeta> Object);
