using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices;

/// <summary>
/// Managed Services by one pair of their selector, so the Services a Pod change concerns are found from the Pod's
/// labels without testing every selector. A Service can select a Pod only if the Pod carries all of its pairs, so any
/// one pair will do; the least used one is taken, to keep the candidates per label few.
/// </summary>
internal sealed class ServiceIndex
{
    private readonly Dictionary<(string Namespace, string Key, string Value), HashSet<ResourceKey>> _bySlot = [];
    private readonly Dictionary<ResourceKey, Entry> _services = [];

    public int Count => _services.Count;

    /// <summary>Indexes a managed Service (non-empty selector), replacing what was indexed under its key.</summary>
    public void Add(ResourceKey key, V1Service service)
    {
        Remove(key);
        var ns = service.Metadata.NamespaceProperty ?? string.Empty;
        (string, string, string)? best = null;
        var fewest = int.MaxValue;
        foreach (var (label, value) in service.Spec.Selector)
        {
            var slot = (ns, label, value ?? string.Empty);
            var count = _bySlot.TryGetValue(slot, out var keys) ? keys.Count : 0;
            if (count < fewest)
            {
                (best, fewest) = (slot, count);
            }
        }

        var chosen = best!.Value;
        if (!_bySlot.TryGetValue(chosen, out var services))
        {
            services = [];
            _bySlot.Add(chosen, services);
        }

        services.Add(key);
        _services.Add(key, new Entry(service, chosen));
    }

    /// <summary>Forgets a Service; false when it was not indexed.</summary>
    public bool Remove(ResourceKey key)
    {
        if (!_services.Remove(key, out var entry))
        {
            return false;
        }

        var services = _bySlot[entry.Slot];
        services.Remove(key);
        if (services.Count == 0)
        {
            _bySlot.Remove(entry.Slot);
        }

        return true;
    }

    /// <summary>Adds to <paramref name="into"/> every indexed Service of the namespace whose selector matches the labels.</summary>
    public void AddSelecting(string ns, IDictionary<string, string>? labels, HashSet<ResourceKey> into)
    {
        foreach (var (label, value) in labels ?? new Dictionary<string, string>())
        {
            if (!_bySlot.TryGetValue((ns, label, value ?? string.Empty), out var services))
            {
                continue;
            }

            foreach (var key in services)
            {
                if (ServiceSelector.Matches(_services[key].Service.Spec.Selector, labels))
                {
                    into.Add(key);
                }
            }
        }
    }

    private readonly record struct Entry(V1Service Service, (string Namespace, string Key, string Value) Slot);
}
