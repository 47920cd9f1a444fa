using k8s.Models;
using Switchyard.Diagnostics.Check;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// Walks one request from the client inward — DNS, listener or Service frontend, route and rule, filters, backends,
/// Service and endpoints, NetworkPolicy — over a store snapshot and the translation made from it, with the data
/// planes' own lookup code at every step. Never throws on bad input: a problem is a failed hop.
/// </summary>
public static class TraceWalker
{
    /// <param name="context">The store, its translation and the clock (as for <c>check</c>).</param>
    /// <param name="request">The request.</param>
    /// <param name="clusterDomain">The cluster DNS zone (<c>--cluster-domain</c>).</param>
    /// <param name="findings">Findings of <c>check</c> over the same context (null: run the rules here).</param>
    public static TraceReport Run(CheckContext context, TraceRequest request, string clusterDomain, IReadOnlyList<Finding>? findings = null)
    {
        var client = FindPod(context, request.FromPod);
        var state = new TraceState(request, context, clusterDomain, client);
        if (request.FromPod is not null && client is null)
        {
            state.Fail("client", $"Pod {request.FromPod} is not in the manifests", "unknown client Pod " + request.FromPod);
        }
        else
        {
            if (client is not null)
            {
                state.Touch("Pod", client.Metadata.NamespaceProperty, client.Metadata.Name);
            }

            if (DnsStep.Run(state) is { } resolution)
            {
                TargetStep.Run(state, resolution);
            }
        }

        var related = (findings ?? CheckRunner.Run(context))
            .Where(f => state.Related.Contains((f.Object.Kind, f.Object.Namespace, f.Object.Name)))
            .ToList();
        return new TraceReport
        {
            Request = request,
            Hops = state.Hops,
            Served = state.Served && !state.Hops.Any(h => h.Result == HopResult.Failed),
            Verdict = state.Verdict,
            Findings = related,
        };
    }

    /// <summary>The Pod <c>namespace/name</c>, or null.</summary>
    public static V1Pod? FindPod(CheckContext context, string? reference)
    {
        if (reference?.Split('/') is not [{ Length: > 0 } ns, { Length: > 0 } name])
        {
            return null;
        }

        return context.Store.Get<V1Pod>(string.Empty, "Pod", ns, name);
    }
}
