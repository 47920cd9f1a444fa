using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices;

/// <summary>
/// Pods by (namespace, label key, label value), each list in store order (namespace, name), so a selector is matched
/// against the Pods that carry its rarest pair instead of every Pod of the namespace. The controller keeps one across
/// syncs and applies Pod changes to it.
/// </summary>
internal sealed class PodIndex
{
    private readonly Dictionary<(string Namespace, string Key, string Value), List<V1Pod>> _byLabel = [];

    public PodIndex(StoreSnapshot snapshot)
    {
        // The snapshot is in (namespace, name) order, so appending keeps every list sorted.
        foreach (var pod in snapshot.OfType<V1Pod>())
        {
            foreach (var (key, value) in pod.Metadata.Labels ?? new Dictionary<string, string>())
            {
                Slot(pod, key, value).Add(pod);
            }
        }
    }

    /// <summary>Adds a Pod that is not indexed yet (a Pod's name is unique in its namespace).</summary>
    public void Add(V1Pod pod)
    {
        foreach (var (key, value) in pod.Metadata.Labels ?? new Dictionary<string, string>())
        {
            var pods = Slot(pod, key, value);
            var at = Find(pods, pod.Metadata.Name);
            if (at >= 0)
            {
                pods[at] = pod;
            }
            else
            {
                pods.Insert(~at, pod);
            }
        }
    }

    /// <summary>Removes an indexed Pod: the instance that was added, so its labels are the ones it was indexed by.</summary>
    public void Remove(V1Pod pod)
    {
        foreach (var (key, value) in pod.Metadata.Labels ?? new Dictionary<string, string>())
        {
            var slot = (pod.Metadata.NamespaceProperty ?? string.Empty, key, value ?? string.Empty);
            if (!_byLabel.TryGetValue(slot, out var pods))
            {
                continue;
            }

            var at = Find(pods, pod.Metadata.Name);
            if (at >= 0)
            {
                pods.RemoveAt(at);
                if (pods.Count == 0)
                {
                    _byLabel.Remove(slot);
                }
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

    private List<V1Pod> Slot(V1Pod pod, string key, string? value)
    {
        var slot = (pod.Metadata.NamespaceProperty ?? string.Empty, key, value ?? string.Empty);
        if (!_byLabel.TryGetValue(slot, out var pods))
        {
            pods = [];
            _byLabel.Add(slot, pods);
        }

        return pods;
    }

    // Binary search by name (ordinal, as the store orders keys): the index, or the complement of the insertion point.
    private static int Find(List<V1Pod> pods, string name)
    {
        int low = 0, high = pods.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var c = string.CompareOrdinal(pods[mid].Metadata.Name, name);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
