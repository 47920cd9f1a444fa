namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Where a retried request ended up, for its metrics and access-log entry: the cluster and endpoint of the last
/// attempt and how many attempts were made. Set as a request feature only for rules with a retry policy.
/// </summary>
internal sealed class RetryState(CompiledCluster cluster, EndpointState endpoint)
{
    public CompiledCluster Cluster { get; set; } = cluster;

    public EndpointState Endpoint { get; set; } = endpoint;

    /// <summary>Attempts sent to a backend (1 when the first one was the last).</summary>
    public int Attempts { get; set; }
}
