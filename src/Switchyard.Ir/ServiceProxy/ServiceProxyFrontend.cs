namespace Switchyard.Ir.ServiceProxy;

/// <summary>One address:port the proxy listens on for a Service port.</summary>
public sealed record ServiceProxyFrontend
{
    /// <summary>IP address literal, in canonical form.</summary>
    public required string Address { get; init; }

    public required int Port { get; init; }

    public required ServiceProxyFrontendKind Kind { get; init; }

    /// <summary>External traffic (NodePort, LoadBalancer, external IPs) follows externalTrafficPolicy; ClusterIP traffic follows internalTrafficPolicy.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsExternal => Kind != ServiceProxyFrontendKind.ClusterIP;
}
