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
                Cors = filters.Cors,
                DirectResponse = resolved.Problem is not null || filters.UnresolvedExtension ? InternalError : null,
            });
        }

        return result;
    }

    private (string ClusterId, Problem? Problem) Backend(string field, IBackendObjectReference reference) =>
        BackendRefResolver.Resolve(_grants, _backends, HttpRoute.KindName, Namespace, field, reference);
}
