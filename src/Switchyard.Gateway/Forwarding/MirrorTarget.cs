namespace Switchyard.Gateway.Forwarding;

/// <summary>A cluster that receives a copy of a fraction of the rule's requests.</summary>
internal sealed class MirrorTarget(CompiledCluster cluster, double fraction)
{
    public CompiledCluster Cluster { get; } = cluster;

    /// <summary>0..1; 1 mirrors every request.</summary>
    public double Fraction { get; } = fraction;
}
