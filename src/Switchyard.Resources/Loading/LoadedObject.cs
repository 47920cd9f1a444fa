using k8s;
using k8s.Models;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.Resources.Loading;

/// <summary>A valid, defaulted object read from a manifest, with where it came from.</summary>
public sealed record LoadedObject(KindInfo Info, ResourceKey Key, IKubernetesObject<V1ObjectMeta> Object, SourceLocation Location);
