namespace Switchyard.Ir.ServiceProxy;

/// <summary>
/// One endpoint of a Service port, with its EndpointSlice conditions and the translator's decision on which traffic
/// it receives (kube-proxy's CategorizeEndpoints, already applied).
/// </summary>
public sealed record ServiceProxyEndpoint
{
    /// <summary>IP address literal, canonical form (the endpoint's first address, as kube-proxy uses).</summary>
    public required string Address { get; init; }

    /// <summary>Target port, resolved from the EndpointSlice port of the same name.</summary>
    public required int Port { get; init; }

    /// <summary>spec.nodeName of the endpoint, when the slice names one.</summary>
    public string? NodeName { get; init; }

    /// <summary>The Pod (ns/name) or null, for logs.</summary>
    public string? TargetRef { get; init; }

    public bool Ready { get; init; }

    public bool Serving { get; init; }

    public bool Terminating { get; init; }

    /// <summary>Whether the endpoint is on this node (for Local traffic policies).</summary>
    public bool Local { get; init; }

    /// <summary>New connections to ClusterIP frontends may go here.</summary>
    public bool ReceivesInternal { get; init; }

    /// <summary>New connections to external frontends (NodePort, LoadBalancer, external IPs) may go here.</summary>
    public bool ReceivesExternal { get; init; }
}
