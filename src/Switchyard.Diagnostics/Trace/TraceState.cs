using System.Globalization;
using k8s.Models;
using Switchyard.Diagnostics.Check;
using Switchyard.Diagnostics.Check.Rules;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Diagnostics.Trace;

/// <summary>What the steps of one walk share: the inputs, the hops so far and the objects the walk touched.</summary>
internal sealed class TraceState(TraceRequest request, CheckContext context, string clusterDomain, V1Pod? client)
{
    public TraceRequest Request { get; } = request;

    public CheckContext Context { get; } = context;

    public Snapshot Snapshot => Context.Translation.Snapshot;

    public string ClusterDomain { get; } = clusterDomain.Trim('.');

    /// <summary>The Pod the request comes from (<c>--from-pod</c>), or null.</summary>
    public V1Pod? Client { get; } = client;

    /// <summary>NetworkPolicy semantics shared with <c>check</c>; null when the manifests hold no NetworkPolicy.</summary>
    public PolicyEvaluator? Policies { get; } = context.Store.OfType<V1NetworkPolicy>().ToList() is { Count: > 0 } policies ? new PolicyEvaluator(context, policies) : null;

    public List<TraceHop> Hops { get; } = [];

    /// <summary>Objects on the path (kind, namespace, name), for the related <c>check</c> findings.</summary>
    public HashSet<(string Kind, string Namespace, string Name)> Related { get; } = [];

    /// <summary>Set when a hop ends the walk.</summary>
    public bool Stopped { get; set; }

    /// <summary>True once the request reaches a ready endpoint on every path it may take.</summary>
    public bool Served { get; set; }

    public string Verdict { get; set; } = "not traced";

    /// <summary>
    /// An answer the gateway makes itself, as the client gets it: the HTTP status (<c>404</c>), or for a gRPC call the
    /// gRPC status it is turned into (<c>UNIMPLEMENTED (grpc-status 12)</c>, sent with HTTP 200).
    /// </summary>
    public string Answer(int httpStatus)
    {
        if (!Request.Grpc)
        {
            return httpStatus.ToString(CultureInfo.InvariantCulture);
        }

        var status = GrpcErrors.StatusFor(httpStatus);
        return GrpcErrors.Name(status) + " (grpc-status " + status.ToString(CultureInfo.InvariantCulture) + ")";
    }

    public TraceHop Add(string kind, HopResult result, string summary)
    {
        var hop = new TraceHop(kind, result, summary);
        Hops.Add(hop);
        return hop;
    }

    /// <summary>Ends the walk with a failed hop and the verdict.</summary>
    public TraceHop Fail(string kind, string summary, string verdict)
    {
        Stopped = true;
        Verdict = verdict;
        return Add(kind, HopResult.Failed, summary);
    }

    public void Touch(string kind, string? ns, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            Related.Add((kind, ns ?? string.Empty, name));
        }
    }
}
