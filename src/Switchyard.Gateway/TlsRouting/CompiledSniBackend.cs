using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>One weighted backend of a TLS route in one snapshot; no cluster means its connections are refused.</summary>
internal sealed class CompiledSniBackend(string clusterId, CompiledCluster? cluster)
{
    public string ClusterId { get; } = clusterId;

    /// <summary>Null for a backendRef that did not resolve (or a cluster missing from the snapshot).</summary>
    public CompiledCluster? Cluster { get; } = cluster;
}
