using System.Text;
using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Admission;

/// <summary>
/// The core API server's defaulting for the fields routing depends on (pkg/apis/core/v1/defaults.go and friends), plus
/// the few create-time normalisations the server makes before validating (Service IP-family setup, Secret stringData,
/// Pod IP conversion), so that validation and translation see objects as a cluster would store them.
/// </summary>
public static class CoreDefaults
{
    public const string LabelMetadataName = "kubernetes.io/metadata.name";
    public const int DefaultClientIPServiceAffinitySeconds = 10800;

    public static void Namespace(V1Namespace ns)
    {
        var meta = ns.Metadata ??= new V1ObjectMeta();

        // The server takes the namespace of a cluster-scoped object from the (empty) request path.
        meta.NamespaceProperty = null;

        // Lets namespace selectors pick a namespace by name; skipped for nameless objects, as upstream.
        if (!string.IsNullOrEmpty(meta.Name))
        {
            meta.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
            meta.Labels[LabelMetadataName] = meta.Name;
        }
    }

    public static void Service(V1Service service)
    {
        var spec = service.Spec ??= new V1ServiceSpec();

        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            spec.SessionAffinity = "None";
        }

        if (spec.SessionAffinity == "None")
        {
            spec.SessionAffinityConfig = null;
        }
        else if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec.SessionAffinityConfig = new V1SessionAffinityConfig
            {
                ClientIP = new V1ClientIPConfig { TimeoutSeconds = DefaultClientIPServiceAffinitySeconds },
            };
        }

        if (string.IsNullOrEmpty(spec.Type))
        {
            spec.Type = "ClusterIP";
        }

        foreach (var port in spec.Ports ?? [])
        {
            if (port is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }

            if (IsUnsetTargetPort(port.TargetPort))
            {
                port.TargetPort = port.Port;
            }
        }

        if (IsExternallyAccessible(spec) && string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            spec.ExternalTrafficPolicy = "Cluster";
        }

        if (spec.InternalTrafficPolicy is null && spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            spec.InternalTrafficPolicy = "Cluster";
        }

        if (spec.Type == "LoadBalancer")
        {
            spec.AllocateLoadBalancerNodePorts ??= true;
            foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
            {
                if (ingress is not null && !string.IsNullOrEmpty(ingress.Ip) && ingress.IpMode is null)
                {
                    ingress.IpMode = "VIP";
                }
            }
        }

        NormalizeClusterIPs(spec);
        InitIPFamilyFields(spec);
    }

    public static void Pod(V1Pod pod)
    {
        var spec = pod.Spec ??= new V1PodSpec();
        var hostNetwork = spec.HostNetwork == true;
        DefaultContainers(spec.Containers, hostNetwork);
        DefaultContainers(spec.InitContainers, hostNetwork);
        SyncPodIPs(pod.Status);
    }

    public static void Secret(V1Secret secret)
    {
        if (string.IsNullOrEmpty(secret.Type))
        {
            secret.Type = "Opaque";
        }

        // v1 -> internal conversion folds the write-only stringData into data, stringData winning.
        if (secret.StringData is { Count: > 0 })
        {
            secret.Data ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, value) in secret.StringData)
            {
                secret.Data[key] = Encoding.UTF8.GetBytes(value ?? string.Empty);
            }
        }

        secret.StringData = null;
    }

    public static void EndpointSlice(V1EndpointSlice slice)
    {
        foreach (var port in slice.Ports ?? [])
        {
            if (port is null)
            {
                continue;
            }

            port.Name ??= string.Empty;
            port.Protocol ??= "TCP";
        }
    }

    /// <summary>networking/v1 defines no Ingress defaults: notably pathType has none and stays required.</summary>
    public static void Ingress(V1Ingress ingress)
    {
        _ = ingress;
    }

    public static void IngressClass(V1IngressClass ingressClass)
    {
        // Cluster-scoped: the server takes the namespace from the (empty) request path.
        if (ingressClass.Metadata is not null)
        {
            ingressClass.Metadata.NamespaceProperty = null;
        }

        if (ingressClass.Spec?.Parameters is { Scope: null } parameters)
        {
            parameters.Scope = "Cluster";
        }
    }

    public static void NetworkPolicy(V1NetworkPolicy policy)
    {
        var spec = policy.Spec ??= new V1NetworkPolicySpec();
        if (spec.PolicyTypes is null || spec.PolicyTypes.Count == 0)
        {
            // A policy without policyTypes always isolates ingress, and egress only when it has egress rules.
            spec.PolicyTypes = spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];
        }

        foreach (var rule in spec.Ingress ?? [])
        {
            DefaultPolicyPorts(rule?.Ports);
        }

        foreach (var rule in spec.Egress ?? [])
        {
            DefaultPolicyPorts(rule?.Ports);
        }
    }

    /// <summary>Go's <c>ExternallyAccessible</c>: NodePort, LoadBalancer, or ClusterIP with external IPs.</summary>
    internal static bool IsExternallyAccessible(V1ServiceSpec spec) =>
        spec.Type is "LoadBalancer" or "NodePort" || (spec.Type == "ClusterIP" && spec.ExternalIPs is { Count: > 0 });

    // Go compares against intstr.FromInt32(0) and intstr.FromString("").
    private static bool IsUnsetTargetPort(IntOrString? targetPort) =>
        targetPort is null || targetPort.Value is null or "" or "0";

    // Before allocating, the server copies a lone clusterIP into clusterIPs (never the other way round).
    private static void NormalizeClusterIPs(V1ServiceSpec spec)
    {
        if (!string.IsNullOrEmpty(spec.ClusterIP) && (spec.ClusterIPs is null || spec.ClusterIPs.Count == 0))
        {
            spec.ClusterIPs = [spec.ClusterIP];
        }
    }

    // The IP allocator's initIPFamilyFields, minus what depends on the cluster's configured families.
    private static void InitIPFamilyFields(V1ServiceSpec spec)
    {
        if (spec.Type == "ExternalName")
        {
            return;
        }

        if (spec.IpFamilyPolicy is null)
        {
            // Headless without a selector defaults to dual-stack so manually managed endpoints can be of either family.
            spec.IpFamilyPolicy = spec.ClusterIP == "None" && (spec.Selector is null || spec.Selector.Count == 0)
                ? "RequireDualStack"
                : "SingleStack";
        }

        // The allocator pre-validates these fields and stops at the first problem; inferring families from bad
        // input would only add confusing errors.
        if (spec.ClusterIPs is null || !CoreValidation.ClusterIPsRelatedFieldsValid(spec))
        {
            return;
        }

        for (var i = 0; i < spec.ClusterIPs.Count; i++)
        {
            var ip = spec.ClusterIPs[i];
            if (ip == "None" || !IpValidation.TryParseSloppy(ip, out var parsed))
            {
                break;
            }

            spec.IpFamilies ??= [];
            if (i >= spec.IpFamilies.Count)
            {
                spec.IpFamilies.Add(IpValidation.IsIPv4(parsed) ? "IPv4" : "IPv6");
            }
        }
    }

    private static void DefaultContainers(IList<V1Container>? containers, bool hostNetwork)
    {
        foreach (var container in containers ?? [])
        {
            if (container is null)
            {
                continue;
            }

            foreach (var port in container.Ports ?? [])
            {
                if (port is null)
                {
                    continue;
                }

                if (string.IsNullOrEmpty(port.Protocol))
                {
                    port.Protocol = "TCP";
                }

                // With host networking a container port is a host port.
                if (hostNetwork && port.HostPort is null or 0)
                {
                    port.HostPort = port.ContainerPort;
                }
            }

            DefaultProbe(container.LivenessProbe);
            DefaultProbe(container.ReadinessProbe);
            DefaultProbe(container.StartupProbe);
        }
    }

    private static void DefaultProbe(V1Probe? probe)
    {
        if (probe is null)
        {
            return;
        }

        if (probe.TimeoutSeconds is null or 0)
        {
            probe.TimeoutSeconds = 1;
        }

        if (probe.PeriodSeconds is null or 0)
        {
            probe.PeriodSeconds = 10;
        }

        if (probe.SuccessThreshold is null or 0)
        {
            probe.SuccessThreshold = 1;
        }

        if (probe.FailureThreshold is null or 0)
        {
            probe.FailureThreshold = 3;
        }

        if (probe.HttpGet is { } httpGet)
        {
            if (string.IsNullOrEmpty(httpGet.Path))
            {
                httpGet.Path = "/";
            }

            if (string.IsNullOrEmpty(httpGet.Scheme))
            {
                httpGet.Scheme = "HTTP";
            }
        }
    }

    // v1 carries podIP and podIPs; the internal type only podIPs, with podIP authoritative when the two disagree.
    private static void SyncPodIPs(V1PodStatus? status)
    {
        if (status is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(status.PodIP) &&
            (status.PodIPs is null || status.PodIPs.Count == 0 || status.PodIPs[0]?.Ip != status.PodIP))
        {
            status.PodIPs = [new V1PodIP { Ip = status.PodIP }];
        }
        else if (string.IsNullOrEmpty(status.PodIP) && status.PodIPs is { Count: > 0 })
        {
            status.PodIP = status.PodIPs[0]?.Ip;
        }
    }

    private static void DefaultPolicyPorts(IList<V1NetworkPolicyPort>? ports)
    {
        foreach (var port in ports ?? [])
        {
            if (port is not null)
            {
                port.Protocol ??= "TCP";
            }
        }
    }
}
