using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices;

/// <summary>
/// Pods by (namespace, label key, label value), each list in store order (namespace, name), so a selector is matched
/// against the Pods that carry its rarest pair instead of every Pod of the namespace.
/// </summary>
internal sealed class PodIndex
{
    private readonly Dictionary<(string Namespace, string Key, string Value), List<V1Pod>> _byLabel = [];

    public PodIndex(StoreSnapshot snapshot)
    {
        foreach (var pod in snapshot.OfType<V1Pod>())
        {
            var ns = pod.Metadata.NamespaceProperty ?? string.Empty;
            foreach (var (key, value) in pod.Metadata.Labels ?? new Dictionary<string, string>())
            {
                var slot = (ns, key, value ?? string.Empty);
                if (!_byLabel.TryGetValue(slot, out var pods))
                {
                    pods = [];
                    _byLabel.Add(slot, pods);
                }

                pods.Add(pod);
            }
        }
    }

    /// <summary>The Pods of a namespace matching a non-empty equality selector, in name order.</summary>
    public List<V1Pod> Select(string ns, IDictionary<string, string> selector)
    {
        List<V1Pod>? smallest = null;
        foreach (var (key, value) in selector)
        {
            if (!_byLabel.TryGetValue((ns, key, value ?? string.Empty), out var pods))
            {
                return [];
            }

            if (smallest is null || pods.Count < smallest.Count)
            {
                smallest = pods;
            }
        }

        var selected = new List<V1Pod>(smallest?.Count ?? 0);
        foreach (var pod in smallest ?? [])
        {
            if (ServiceSelector.Matches(selector, pod.Metadata.Labels))
            {
                selected.Add(pod);
            }
        }

        return selected;
    }
}
