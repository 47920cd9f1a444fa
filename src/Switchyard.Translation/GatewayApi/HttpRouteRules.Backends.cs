using System.Globalization;
using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

internal sealed partial class HttpRouteRules
{
    /// <summary>
    /// Every backendRef becomes a weighted backend. An invalid one stays in the list with a 500 direct response, so the
    /// share of requests its weight would have received gets a 500 (as the spec requires) and the rest still flow.
    /// </summary>
    private List<WeightedBackend> BackendRefs(string field, List<HttpBackendRef>? backendRefs, IReadOnlyList<RouteMatch> matches, List<Problem> invalid)
    {
        var result = new List<WeightedBackend>();
        var list = backendRefs ?? [];
        for (var k = 0; k < list.Count; k++)
        {
            var backendRef = list[k];
            if (backendRef is null)
            {
                continue;
            }

            var refField = string.Create(CultureInfo.InvariantCulture, $"{field}.backendRefs[{k}]");
            var weight = backendRef.Weight ?? 1;
            if (weight < 0)
            {
                invalid.Add(new Problem(RouteConditions.UnsupportedValue, string.Create(CultureInfo.InvariantCulture, $"{refField}.weight: {weight} is negative")));
            }

            var filters = Filters(refField, backendRef.Filters, matches, invalid, backendLevel: true);
            var resolved = Backend(refField, backendRef);
            if (resolved.Problem is { } problem)
            {
                _result.RefProblems.Add(problem);
            }

            result.Add(new WeightedBackend
            {
                ClusterId = resolved.ClusterId,
                Weight = Math.Max(weight, 0),
                RequestHeaders = filters.RequestHeaders,
                ResponseHeaders = filters.ResponseHeaders,
                DirectResponse = resolved.Problem is not null || filters.UnresolvedExtension ? InternalError : null,
            });
        }

        return result;
    }

    /// <summary>
    /// Resolves a backend reference to a Service port cluster. Checks run kind, then permission, then existence, so a
    /// missing ReferenceGrant does not reveal what exists in another namespace. The id is always set (for logs), even
    /// when the reference is invalid.
    /// </summary>
    private (string ClusterId, Problem? Problem) Backend(string field, IBackendObjectReference reference)
    {
        var group = reference.Group ?? string.Empty;
        var kind = reference.Kind ?? "Service";
        var ns = reference.Namespace ?? Namespace;
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

        if (!_grants.Allows(GatewayApiGroup.Name, HttpRoute.KindName, Namespace, string.Empty, "Service", ns, name))
        {
            return (id, new Problem(RouteConditions.RefNotPermitted, $"{field}: Service {ns}/{name} is in another namespace and no ReferenceGrant there allows HTTPRoutes from {Namespace} to use it"));
        }

        if (port is not { } number)
        {
            return (id, new Problem(RouteConditions.BackendNotFound, $"{field}: port is required for a Service backend"));
        }

        var lookup = _backends.Find(ns, name, number);
        return lookup.Outcome switch
        {
            ServicePortOutcome.Found => (lookup.ClusterId, null),
            ServicePortOutcome.ExternalName => (id, new Problem(RouteConditions.InvalidKind, $"{field}: {lookup.Message}")),
            ServicePortOutcome.UnsupportedProtocol => (id, new Problem(RouteConditions.UnsupportedProtocol, $"{field}: {lookup.Message}")),
            _ => (id, new Problem(RouteConditions.BackendNotFound, $"{field}: {lookup.Message}")),
        };
    }
}
