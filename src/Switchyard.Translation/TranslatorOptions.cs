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
}
