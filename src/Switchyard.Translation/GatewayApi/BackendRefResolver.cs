using System.Globalization;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Resolves the backendRefs of Gateway API routes (every kind) to Service port clusters.</summary>
internal static class BackendRefResolver
{
    /// <summary>
    /// ResolvedRefs=False reason for a backendRef to a Service port whose BackendTLSPolicy cannot be honoured (the spec
    /// makes such a backendRef invalid without naming a reason).
    /// </summary>
    public const string InvalidBackendTlsPolicy = "InvalidBackendTLSPolicy";

    /// <summary>
    /// Resolves a backend reference to a Service port cluster. Checks run kind, then permission, then existence, so a
    /// missing ReferenceGrant does not reveal what exists in another namespace. The id is always set (for logs), even
    /// when the reference is invalid.
    /// </summary>
    /// <param name="grants">ReferenceGrants, for references into other namespaces.</param>
    /// <param name="backends">The Service ports of this translation.</param>
    /// <param name="routeKind">The referring route's kind (the ReferenceGrant "from" kind).</param>
    /// <param name="routeNamespace">The referring route's namespace (the default backend namespace).</param>
    /// <param name="field">The referring field, for messages.</param>
    /// <param name="reference">The backend reference.</param>
    /// <param name="http2">The route needs HTTP/2 to the backend (GRPCRoute); see <see cref="ServiceBackends.Find"/>.</param>
    public static (string ClusterId, Problem? Problem) Resolve(
        ReferenceGrants grants, ServiceBackends backends, string routeKind, string routeNamespace, string field, IBackendObjectReference reference, bool http2 = false)
    {
        var group = reference.Group ?? string.Empty;
        var kind = reference.Kind ?? "Service";
        var ns = reference.Namespace ?? routeNamespace;
        var name = reference.Name ?? string.Empty;
        var port = reference.Port;
        var isService = group.Length == 0 && string.Equals(kind, "Service", StringComparison.Ordinal);
        var id = isService
            ? ServiceBackends.ClusterId(ns, name, port ?? 0)
            : string.Create(CultureInfo.InvariantCulture, $"{kind.ToLowerInvariant()}/{ns}/{name}/port/{port ?? 0}");

        if (!isService)
        {
            var shown = group.Length == 0 ? kind : $"{kind}.{group}";
            return (id, new Problem(RouteConditions.InvalidKind, $"{field}: {shown} is not a supported backend kind; only core Services are"));
        }

        if (name.Length == 0)
        {
            return (id, new Problem(RouteConditions.BackendNotFound, $"{field}: name is required"));
        }

        if (!grants.Allows(GatewayApiGroup.Name, routeKind, routeNamespace, string.Empty, "Service", ns, name))
        {
            return (id, new Problem(RouteConditions.RefNotPermitted, $"{field}: Service {ns}/{name} is in another namespace and no ReferenceGrant there allows {routeKind}s from {routeNamespace} to use it"));
        }

        if (port is not { } number)
        {
            return (id, new Problem(RouteConditions.BackendNotFound, $"{field}: port is required for a Service backend"));
        }

        var lookup = backends.Find(ns, name, number, http2: http2, backendTlsPolicy: true);
        return lookup.Outcome switch
        {
            ServicePortOutcome.Found => (lookup.ClusterId, null),
            ServicePortOutcome.ExternalName => (id, new Problem(RouteConditions.InvalidKind, $"{field}: {lookup.Message}")),
            ServicePortOutcome.UnsupportedProtocol => (id, new Problem(RouteConditions.UnsupportedProtocol, $"{field}: {lookup.Message}")),
            ServicePortOutcome.InvalidBackendTls => (id, new Problem(InvalidBackendTlsPolicy, $"{field}: {lookup.Message}")),
            _ => (id, new Problem(RouteConditions.BackendNotFound, $"{field}: {lookup.Message}")),
        };
    }
}
