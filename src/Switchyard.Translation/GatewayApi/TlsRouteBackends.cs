using System.Collections.Immutable;
using System.Globalization;
using Switchyard.Ir.TlsRouting;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The backendRefs of a TLSRoute as weighted backends. An invalid reference stays in the list as a rejected backend, so
/// the share of connections its weight would have received is refused (as the spec requires) while the rest flow.
/// </summary>
internal static class TlsRouteBackends
{
    /// <summary>
    /// Every backendRef of every rule (v1 allows one rule; v1alpha2 up to 16, which all carry the same connections since
    /// rules have no matches), with the problems of those that do not resolve.
    /// </summary>
    public static (ImmutableArray<SniBackend> Backends, List<Problem> Problems) Resolve(TlsRoute route, string routeNamespace, ReferenceGrants grants, ServiceBackends backends)
    {
        var result = ImmutableArray.CreateBuilder<SniBackend>();
        var problems = new List<Problem>();
        var rules = route.Spec.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var refs = rules[i]?.BackendRefs ?? [];
            for (var k = 0; k < refs.Count; k++)
            {
                if (refs[k] is not { } backendRef)
                {
                    continue;
                }

                var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{i}].backendRefs[{k}]");
                var (clusterId, problem) = Backend(field, backendRef, routeNamespace, grants, backends);
                if (problem is { } unresolved)
                {
                    problems.Add(unresolved);
                }

                result.Add(new SniBackend { ClusterId = clusterId, Weight = Math.Max(backendRef.Weight ?? 1, 0), Rejected = problem is not null });
            }
        }

        return (result.ToImmutable(), problems);
    }

    /// <summary>
    /// Resolves one reference to a Service port cluster. Kind first, then permission, then existence, so that a missing
    /// ReferenceGrant does not reveal what exists in another namespace. Any appProtocol is fine: the bytes are opaque.
    /// </summary>
    private static (string ClusterId, Problem? Problem) Backend(string field, BackendRef reference, string routeNamespace, ReferenceGrants grants, ServiceBackends backends)
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

        if (!grants.Allows(GatewayApiGroup.Name, TlsRoute.KindName, routeNamespace, string.Empty, "Service", ns, name))
        {
            return (id, new Problem(RouteConditions.RefNotPermitted, $"{field}: Service {ns}/{name} is in another namespace and no ReferenceGrant there allows TLSRoutes from {routeNamespace} to use it"));
        }

        if (port is not { } number)
        {
            return (id, new Problem(RouteConditions.BackendNotFound, $"{field}: port is required for a Service backend"));
        }

        var lookup = backends.Find(ns, name, number, tlsAllowed: true);
        return lookup.Outcome switch
        {
            ServicePortOutcome.Found => (lookup.ClusterId, null),
            ServicePortOutcome.ExternalName => (id, new Problem(RouteConditions.InvalidKind, $"{field}: {lookup.Message}")),
            // With TLS ports allowed, only a transport other than TCP (UDP, SCTP) is left to refuse.
            ServicePortOutcome.UnsupportedProtocol => (id, new Problem(RouteConditions.UnsupportedProtocol, string.Create(CultureInfo.InvariantCulture, $"{field}: Service {ns}/{name} port {number} is not a TCP port"))),
            _ => (id, new Problem(RouteConditions.BackendNotFound, $"{field}: {lookup.Message}")),
        };
    }
}
