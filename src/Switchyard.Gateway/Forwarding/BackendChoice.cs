namespace Switchyard.Gateway.Forwarding;

/// <summary>One weighted backend of a rule: its cluster in this snapshot (null when undefined) and its transformer.</summary>
internal sealed class BackendChoice(string clusterId, CompiledCluster? cluster, RuleTransformer transformer)
{
    public string ClusterId { get; } = clusterId;

    /// <summary>Null when the snapshot does not define the cluster: requests sent here get 500.</summary>
    public CompiledCluster? Cluster { get; } = cluster;

    public RuleTransformer Transformer { get; } = transformer;
}
