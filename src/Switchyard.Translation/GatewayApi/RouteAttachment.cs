using System.Globalization;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Which listeners of a route's parent (a Gateway, or a ListenerSet) a parentRef attaches to, and the hostnames it
/// serves on each. Only the parent's own listeners are candidates: a route naming a Gateway does not reach the
/// listeners of its ListenerSets (GEP-1713). Attachment depends only on the parentRef (sectionName, port) and the
/// listener's allowedRoutes and hostname, never on whether the listener itself is valid.
/// </summary>
internal sealed class RouteAttachment
{
    private readonly NamespaceLabels _namespaces;

    public RouteAttachment(StoreSnapshot store) => _namespaces = new NamespaceLabels(store);

    /// <summary>The listeners attached to with their served hostnames, or the Accepted=False problem when there are none.</summary>
    /// <param name="routeKind">The route's kind (HTTPRoute, GRPCRoute); the listener must allow it.</param>
    public (List<(ListenerEntry Listener, IReadOnlyList<string> Hostnames)> Listeners, Problem? Problem) Attach(
        string routeKind, string routeNamespace, IReadOnlyList<string> routeHostnames, ParentReference parentRef, IRouteParent parent)
    {
        var what = $"{parent.Kind} {parent.Namespace}/{parent.Name}";
        if (parent.Refused is { } refused)
        {
            // A refused Gateway (or a ListenerSet its Gateway does not take) serves nothing; saying Accepted would mislead.
            return ([], new Problem(RouteConditions.NoMatchingParent, $"{what} is not accepted: {refused.Message}"));
        }

        var candidates = parent.Listeners
            .Where(l => (string.IsNullOrEmpty(parentRef.SectionName) || string.Equals(l.Name, parentRef.SectionName, StringComparison.Ordinal))
                && (parentRef.Port is not { } port || l.Port == port))
            .ToList();
        if (candidates.Count == 0)
        {
            return ([], new Problem(RouteConditions.NoMatchingParent, $"{what} has no listener{Selection(parentRef)}"));
        }

        var allowed = candidates.Where(l => l.Allows(routeKind) && NamespaceAllowed(l, routeNamespace)).ToList();
        if (allowed.Count == 0)
        {
            return ([], new Problem(RouteConditions.NotAllowedByListeners, $"no listener{Selection(parentRef)} of {what} allows {routeKind}s from namespace {routeNamespace}"));
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
            ? ([], new Problem(RouteConditions.NoMatchingListenerHostname, $"no listener{Selection(parentRef)} of {what} has a hostname matching the route's hostnames"))
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
                // The namespace of the object holding the listener: a ListenerSet's, not its Gateway's.
                return string.Equals(routeNamespace, listener.OwnerNamespace, StringComparison.Ordinal);
            case "All":
                return true;
            case "Selector":
                return namespaces?.Selector is { } selector && _namespaces.Matches(selector, routeNamespace);
            default:
                return false;
        }
    }
}
