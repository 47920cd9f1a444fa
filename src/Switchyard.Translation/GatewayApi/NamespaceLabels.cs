using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Namespace labels for namespace selectors (allowedRoutes, allowedListeners), looked up once per namespace. A
/// namespace without an object still has the label every namespace gets (kubernetes.io/metadata.name).
/// </summary>
internal sealed class NamespaceLabels
{
    private readonly StoreSnapshot _store;
    private readonly Dictionary<string, IDictionary<string, string>> _labels = new(StringComparer.Ordinal);

    public NamespaceLabels(StoreSnapshot store) => _store = store;

    public bool Matches(V1LabelSelector selector, string ns) => LabelSelectors.Matches(selector, Of(ns));

    private IDictionary<string, string> Of(string ns)
    {
        if (!_labels.TryGetValue(ns, out var labels))
        {
            labels = _store.Get<V1Namespace>(string.Empty, "Namespace", string.Empty, ns)?.Metadata.Labels
                ?? new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = ns };
            _labels[ns] = labels;
        }

        return labels;
    }
}
