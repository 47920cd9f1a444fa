namespace Switchyard.Ir.ServiceProxy;

/// <summary>
/// Where a frontend address comes from. <see cref="ClusterIP"/> carries internal traffic (internalTrafficPolicy);
/// every other kind carries external traffic (externalTrafficPolicy), as kube-proxy splits them.
/// </summary>
public enum ServiceProxyFrontendKind
{
    /// <summary>spec.clusterIPs[i]:port.</summary>
    ClusterIP,

    /// <summary>spec.externalIPs[i]:port.</summary>
    ExternalIP,

    /// <summary>The node address (<c>--node-address</c>):nodePort.</summary>
    NodePort,

    /// <summary>status.loadBalancer.ingress[i].ip:port (ipMode VIP).</summary>
    LoadBalancer,
}
