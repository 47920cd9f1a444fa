namespace Switchyard.Translation;

/// <summary>Settings of the translation that come from the command line; part of the translator's input.</summary>
public sealed record TranslatorOptions
{
    public const string DefaultGatewayControllerName = "switchyard.dev/gateway-controller";
    public const string DefaultIngressControllerName = "switchyard.dev/ingress-controller";

    public string GatewayControllerName { get; init; } = DefaultGatewayControllerName;

    public string IngressControllerName { get; init; } = DefaultIngressControllerName;

    /// <summary>Address Gateway listeners bind to when the Gateway has no spec.addresses.</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>The cluster DNS domain (<c>--cluster-domain</c>), with or without the trailing dot.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>TTL of every cluster DNS record and the SOA negative-caching TTL (<c>--dns-ttl</c>).</summary>
    public TimeSpan DnsTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// This node's name (<c>--node-name</c>): endpoints whose nodeName equals it are local for Local traffic policies.
    /// Null means Switchyard is the only node, so every endpoint is local.
    /// </summary>
    public string? NodeName { get; init; }

    /// <summary>Address NodePort Services listen on (<c>--node-address</c>), or null for no NodePort frontends.</summary>
    public string? NodeAddress { get; init; } = DefaultNodeAddress;

    public const string DefaultNodeAddress = "127.0.0.1";
}
