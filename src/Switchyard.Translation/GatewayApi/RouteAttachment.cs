using System.Globalization;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Which listeners of a Gateway a route's parentRef attaches to, and the hostnames it serves on each. Attachment
/// depends only on the parentRef (sectionName, port) and the listener's allowedRoutes and hostname, never on whether
/// the listener itself is valid.
/// </summary>
internal sealed class RouteAttachment
{
    private readonly StoreSnapshot _store;
    private readonly Dictionary<string, IDictionary<string, string>?> _namespaceLabels = new(StringComparer.Ordinal);

    public RouteAttachment(StoreSnapshot store) => _store = store;

    /// <summary>The listeners attached to with their served hostnames, or the Accepted=False problem when there are none.</summary>
    /// <param name="routeKind">The route's kind (HTTPRoute, GRPCRoute); the listener must allow it.</param>
    public (List<(ListenerEntry Listener, IReadOnlyList<string> Hostnames)> Listeners, Problem? Problem) Attach(
        string routeKind, string routeNamespace, IReadOnlyList<string> routeHostnames, ParentReference parentRef, GatewayEntry gateway)
    {
        var candidates = gateway.Listeners
            .Where(l => (string.IsNullOrEmpty(parentRef.SectionName) || string.Equals(l.Name, parentRef.SectionName, StringComparison.Ordinal))
                && (parentRef.Port is not { } port || l.Port == port))
            .ToList();
        if (candidates.Count == 0)
        {
            return ([], new Problem(RouteConditions.NoMatchingParent, $"Gateway {gateway.Namespace}/{gateway.Name} has no listener{Selection(parentRef)}"));
        }

        var allowed = candidates.Where(l => l.Allows(routeKind) && NamespaceAllowed(l, routeNamespace)).ToList();
        if (allowed.Count == 0)
        {
            return ([], new Problem(RouteConditions.NotAllowedByListeners, $"no listener{Selection(parentRef)} of Gateway {gateway.Namespace}/{gateway.Name} allows {routeKind}s from namespace {routeNamespace}"));
        }

        var attached = new List<(ListenerEntry, IReadOnlyList<string>)>();
        foreach (var listener in allowed)
        {
            if (Hostnames.ForRoute(listener.Hostname, routeHostnames) is { } served)
            {
                attached.Add((listener, served));
            }
        }

        return attached.Count == 0
            ? ([], new Problem(RouteConditions.NoMatchingListenerHostname, $"no listener{Selection(parentRef)} of Gateway {gateway.Namespace}/{gateway.Name} has a hostname matching the route's hostnames"))
            : (attached, null);
    }

    private static string Selection(ParentReference parentRef)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(parentRef.SectionName))
        {
            parts.Add("named " + parentRef.SectionName);
        }

        if (parentRef.Port is { } port)
        {
            parts.Add("on port " + port.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : " " + string.Join(" and ", parts);
    }

    private bool NamespaceAllowed(ListenerEntry listener, string routeNamespace)
    {
        var namespaces = listener.Spec.AllowedRoutes?.Namespaces;
        switch (namespaces?.From ?? "Same")
        {
            case "Same":
                return string.Equals(routeNamespace, listener.Gateway.Namespace, StringComparison.Ordinal);
            case "All":
                return true;
            case "Selector":
                return namespaces?.Selector is { } selector && LabelSelectors.Matches(selector, Labels(routeNamespace));
            default:
                return false;
        }
    }

    // A namespace without an object still has the label every namespace gets (kubernetes.io/metadata.name).
    private IDictionary<string, string>? Labels(string ns)
    {
        if (!_namespaceLabels.TryGetValue(ns, out var labels))
        {
            labels = _store.Get<V1Namespace>(string.Empty, "Namespace", string.Empty, ns)?.Metadata.Labels
                ?? new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = ns };
            _namespaceLabels[ns] = labels;
        }

        return labels;
    }
}
