namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// One weighted backend of a rule: its cluster in this snapshot (null when undefined or when the backend is a fixed
/// answer) and its transformer.
/// </summary>
internal sealed class BackendChoice(string clusterId, CompiledCluster? cluster, RuleTransformer transformer, int directStatus = 500, CorsPlan? cors = null)
{
    /// <summary>CORS for requests given to this backend: its own (a backendRef filter) or the rule's.</summary>
    public CorsPlan? Cors { get; } = cors;

    public string ClusterId { get; } = clusterId;

    /// <summary>Null when requests sent here get <see cref="DirectStatus"/> instead of being forwarded.</summary>
    public CompiledCluster? Cluster { get; } = cluster;

    public RuleTransformer Transformer { get; } = transformer;

    /// <summary>The status for requests given to this backend when it has no cluster (500 for an undefined one).</summary>
    public int DirectStatus { get; } = directStatus;
}
