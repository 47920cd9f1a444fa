using System.Net;

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
    /// Address the cluster DNS server answers on (<c>--dns</c>), or null when it is off: the address of the zone's name
    /// server <c>ns.dns.&lt;zone&gt;</c> when there is no <c>kube-system/kube-dns</c> Service to take it from.
    /// </summary>
    public IPAddress? DnsServerAddress { get; init; }

    /// <summary>
    /// This node's name (<c>--node-name</c>): endpoints whose nodeName equals it are local for Local traffic policies.
    /// Null means Switchyard is the only node, so every endpoint is local.
    /// </summary>
    public string? NodeName { get; init; }

    /// <summary>Address NodePort Services listen on (<c>--node-address</c>), or null for no NodePort frontends.</summary>
    public string? NodeAddress { get; init; } = DefaultNodeAddress;

    public const string DefaultNodeAddress = "127.0.0.1";

    /// <summary>Where Ingresses are served over HTTP (<c>--ingress-http</c>), or null for not at all.</summary>
    public IPEndPoint? IngressHttp { get; init; } = new(IPAddress.Any, 8080);

    /// <summary>Where Ingresses are served over HTTPS (<c>--ingress-https</c>), or null for not at all.</summary>
    public IPEndPoint? IngressHttps { get; init; } = new(IPAddress.Any, 8443);

    /// <summary>Redirect HTTP requests for hosts with a certificate to HTTPS (<c>--ingress-ssl-redirect</c>; per Ingress: ssl-redirect).</summary>
    public bool IngressSslRedirect { get; init; } = true;

    /// <summary>The HTTPS port clients use (<c>--ingress-https-public-port</c>), for redirect Locations; 443 is left out of them.</summary>
    public int IngressHttpsPublicPort { get; init; } = 443;

    /// <summary>The Secret (<c>namespace/name</c>) served to TLS clients whose name has no certificate of its own, or null.</summary>
    public string? DefaultCertificate { get; init; }
}
