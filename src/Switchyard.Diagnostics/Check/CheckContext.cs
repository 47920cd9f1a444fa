using k8s;
using k8s.Models;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Diagnostics.Check;

/// <summary>What the rules read: the store snapshot, the translation made from it (status and IR), and the clock.</summary>
public sealed class CheckContext
{
    private readonly Dictionary<string, List<V1Pod>> _podsByNamespace = new(StringComparer.Ordinal);

    public CheckContext(StoreSnapshot store, TranslationResult translation, DateTimeOffset now)
    {
        Store = store;
        Translation = translation;
        Now = now;
        foreach (var pod in store.OfType<V1Pod>())
        {
            var ns = pod.Metadata.NamespaceProperty ?? "default";
            if (!_podsByNamespace.TryGetValue(ns, out var list))
            {
                _podsByNamespace[ns] = list = [];
            }

            list.Add(pod);
        }
    }

    public StoreSnapshot Store { get; }

    public TranslationResult Translation { get; }

    public DateTimeOffset Now { get; }

    /// <summary>Namespaces that hold Pods, in ordinal order.</summary>
    public IEnumerable<string> PodNamespaces => _podsByNamespace.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyList<V1Pod> PodsIn(string ns) => _podsByNamespace.TryGetValue(ns, out var list) ? list : [];

    /// <summary>Pods a Service selector picks (none for a Service without a selector).</summary>
    public List<V1Pod> Selected(V1Service service)
    {
        var selector = service.Spec?.Selector;
        var result = new List<V1Pod>();
        if (selector is null || selector.Count == 0)
        {
            return result;
        }

        foreach (var pod in PodsIn(service.Metadata.NamespaceProperty ?? "default"))
        {
            if (Labels.Matches(selector, pod.Metadata.Labels))
            {
                result.Add(pod);
            }
        }

        return result;
    }

    /// <summary>The EndpointSlices of a Service (label kubernetes.io/service-name), in key order.</summary>
    public IEnumerable<V1EndpointSlice> SlicesOf(V1Service service)
    {
        var ns = service.Metadata.NamespaceProperty ?? "default";
        foreach (var slice in Store.OfType<V1EndpointSlice>())
        {
            if (string.Equals(slice.Metadata.NamespaceProperty ?? "default", ns, StringComparison.Ordinal)
                && slice.Metadata.Labels is { } labels
                && labels.TryGetValue("kubernetes.io/service-name", out var name)
                && string.Equals(name, service.Metadata.Name, StringComparison.Ordinal))
            {
                yield return slice;
            }
        }
    }

    public Finding Create(RuleDescriptor rule, IKubernetesObject<V1ObjectMeta> obj, string field, string message, string fix, Severity? severity = null)
    {
        var stored = FindStored(obj);
        var key = stored?.Key ?? new ResourceKey(string.Empty, obj.Kind ?? string.Empty, obj.Metadata.NamespaceProperty ?? string.Empty, obj.Metadata.Name ?? string.Empty);
        return new Finding(rule.Id, severity ?? rule.Severity, key, field, message, fix) { Location = stored?.Location ?? default };
    }

    public Finding Create(RuleDescriptor rule, ResourceKey key, string field, string message, string fix, Severity? severity = null) =>
        new(rule.Id, severity ?? rule.Severity, key, field, message, fix) { Location = Store.Find(key)?.Location ?? default };

    private StoredObject? FindStored(IKubernetesObject<V1ObjectMeta> obj)
    {
        foreach (var stored in Store.All)
        {
            if (ReferenceEquals(stored.Object, obj))
            {
                return stored;
            }
        }

        return null;
    }
}
