using System.Globalization;
using k8s.Models;
using Switchyard.Resources.Admission;
using Switchyard.Resources.Model;

namespace Switchyard.Resources.Validation;

public static partial class CoreValidation
{
    private static readonly string[] PortProtocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] ServiceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] SessionAffinities = ["ClientIP", "None"];
    private static readonly string[] IpFamilies = ["IPv4", "IPv6"];
    private static readonly string[] IpFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];
    private static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    private static readonly string[] TrafficDistributions = ["PreferClose", "PreferSameZone", "PreferSameNode"];

    private const int MaxClientIPServiceAffinitySeconds = 86400;

    public static void Service(V1Service service, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(service.Metadata, namespaced: true, NameValidation.NameIsDns1035Label, ctx);
        var annotations = service.Metadata?.Annotations;
        var topologyMode = GetValue(annotations, "service.kubernetes.io/topology-mode");
        var topologyHints = GetValue(annotations, "service.kubernetes.io/topology-aware-hints");
        if (topologyMode is not null && topologyHints is not null && topologyMode != topologyHints)
        {
            ctx.Invalid("metadata.annotations[service.kubernetes.io/topology-mode]", topologyMode,
                "must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified");
        }

        var spec = service.Spec ?? new V1ServiceSpec();
        var ports = spec.Ports ?? [];
        var headless = IsHeadless(spec);

        if (ports.Count == 0 && !headless && spec.Type != "ExternalName")
        {
            ctx.Required("spec.ports");
        }

        switch (spec.Type)
        {
            case "LoadBalancer" when headless:
                ctx.Invalid("spec.clusterIPs[0]", spec.ClusterIPs![0], "may not be set to 'None' for LoadBalancer services");
                break;
            case "NodePort" when headless:
                ctx.Invalid("spec.clusterIPs[0]", spec.ClusterIPs![0], "may not be set to 'None' for NodePort services");
                break;
            case "ExternalName":
                if (spec.ClusterIPs is { Count: > 0 })
                {
                    ctx.Forbidden("spec.clusterIPs", "may not be set for ExternalName services");
                }

                if (spec.IpFamilies is { Count: > 0 })
                {
                    ctx.Forbidden("spec.ipFamilies", "may not be set for ExternalName services");
                }

                if (spec.IpFamilyPolicy is not null)
                {
                    ctx.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services");
                }

                // The name is a CNAME target and may end in a dot.
                var externalName = spec.ExternalName ?? string.Empty;
                var cname = externalName.EndsWith('.') ? externalName[..^1] : externalName;

                if (cname.Length == 0)
                {
                    ctx.Required("spec.externalName");
                }
                else
                {
                    foreach (var msg in NameValidation.IsDns1123Subdomain(cname))
                    {
                        ctx.Invalid("spec.externalName", cname, msg);
                    }
                }

                break;
        }

        var portNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            ValidateServicePort(ports[i] ?? new V1ServicePort(), ports.Count > 1, portNames, Index("spec.ports", i), ctx);
        }

        LabelSelectorValidation.ValidateLabels(spec.Selector, "spec.selector", ctx);

        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            ctx.Required("spec.sessionAffinity");
        }
        else if (!SessionAffinities.Contains(spec.SessionAffinity, StringComparer.Ordinal))
        {
            ctx.NotSupported("spec.sessionAffinity", spec.SessionAffinity, SessionAffinities);
        }

        if (spec.SessionAffinity == "ClientIP")
        {
            ValidateClientIPAffinityConfig(spec.SessionAffinityConfig, ctx);
        }
        else if (spec.SessionAffinity == "None" && spec.SessionAffinityConfig is not null)
        {
            ctx.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None");
        }

        ValidateClusterIPsRelatedFields(spec, ctx);

        for (var i = 0; i < (spec.ExternalIPs?.Count ?? 0); i++)
        {
            var path = Index("spec.externalIPs", i);
            if (IpValidation.ValidateIpForLegacyField(ctx, path, spec.ExternalIPs![i]))
            {
                IpValidation.ValidateNonSpecialIp(ctx, path, spec.ExternalIPs[i]);
            }
        }

        if (string.IsNullOrEmpty(spec.Type))
        {
            ctx.Required("spec.type");
        }
        else if (!ServiceTypes.Contains(spec.Type, StringComparer.Ordinal))
        {
            ctx.NotSupported("spec.type", spec.Type, ServiceTypes);
        }

        if (spec.Type == "ClusterIP")
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i]?.NodePort is not null and not 0)
                {
                    ctx.Forbidden(Index("spec.ports", i) + ".nodePort", "may not be used when `type` is 'ClusterIP'");
                }
            }
        }

        // Node ports and ports are unique per protocol.
        var nodePorts = new HashSet<(string?, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i]?.NodePort is { } nodePort and not 0 && !nodePorts.Add((ports[i].Protocol, nodePort)))
            {
                ctx.Duplicate(Index("spec.ports", i) + ".nodePort", nodePort);
            }
        }

        var servicePorts = new HashSet<(string?, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i] ?? new V1ServicePort();
            if (!servicePorts.Add((port.Protocol, port.Port)))
            {
                // The server renders its internal (untagged) key struct as JSON.
                ctx.DuplicateRendered(Index("spec.ports", i), string.Create(CultureInfo.InvariantCulture,
                    $"{{\"Name\":\"\",\"Protocol\":{GoFormat.JsonString(port.Protocol ?? string.Empty)},\"AppProtocol\":null,\"Port\":{port.Port},\"TargetPort\":0,\"NodePort\":0}}"));
            }
        }

        ValidateLoadBalancerSourceRanges(spec, annotations, ctx);

        if (spec.AllocateLoadBalancerNodePorts is not null && spec.Type != "LoadBalancer")
        {
            ctx.Forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'");
        }

        if (spec.Type == "LoadBalancer" && spec.AllocateLoadBalancerNodePorts is null)
        {
            // Upstream reports this one without the "spec." prefix.
            ctx.Required("allocateLoadBalancerNodePorts");
        }

        if (spec.Type == "LoadBalancer")
        {
            if (spec.LoadBalancerClass is not null)
            {
                foreach (var msg in NameValidation.IsQualifiedName(spec.LoadBalancerClass))
                {
                    ctx.Invalid("spec.loadBalancerClass", spec.LoadBalancerClass, msg);
                }
            }
        }
        else if (spec.LoadBalancerClass is not null)
        {
            ctx.Forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'");
        }

        ValidateExternalTrafficPolicy(spec, ctx);

        if (spec.InternalTrafficPolicy is null)
        {
            if (spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer")
            {
                ctx.Required("spec.internalTrafficPolicy");
            }
        }
        else if (!TrafficPolicies.Contains(spec.InternalTrafficPolicy, StringComparer.Ordinal))
        {
            ctx.NotSupported("spec.internalTrafficPolicy", spec.InternalTrafficPolicy, TrafficPolicies);
        }

        if (spec.TrafficDistribution is not null && !TrafficDistributions.Contains(spec.TrafficDistribution, StringComparer.Ordinal))
        {
            ctx.NotSupported("spec.trafficDistribution", spec.TrafficDistribution, TrafficDistributions);
        }
    }

    /// <summary>Whether clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy are consistent (the allocator's pre-check).</summary>
    internal static bool ClusterIPsRelatedFieldsValid(V1ServiceSpec spec)
    {
        var ctx = new ValidationContext();
        ValidateClusterIPsRelatedFields(spec, ctx);
        return !ctx.HasErrors;
    }

    /// <summary>Headless: exactly one cluster IP and it is "None" (after clusterIP was copied into clusterIPs).</summary>
    internal static bool IsHeadless(V1ServiceSpec spec) => spec.ClusterIPs is { Count: 1 } && spec.ClusterIPs[0] == "None";

    private static void ValidateServicePort(V1ServicePort port, bool requireName, HashSet<string> names, string path, ValidationContext ctx)
    {
        if (requireName && string.IsNullOrEmpty(port.Name))
        {
            ctx.Required(path + ".name");
        }
        else if (!string.IsNullOrEmpty(port.Name))
        {
            foreach (var msg in NameValidation.IsDns1123Label(port.Name))
            {
                ctx.Invalid(path + ".name", port.Name, msg);
            }

            if (!names.Add(port.Name))
            {
                ctx.Duplicate(path + ".name", port.Name);
            }
        }

        foreach (var msg in NameValidation.IsValidPortNumber(port.Port))
        {
            ctx.Invalid(path + ".port", port.Port, msg);
        }

        ValidateProtocol(port.Protocol, path + ".protocol", ctx);
        ValidatePortNumberOrName(port.TargetPort, path + ".targetPort", ctx);

        // The allocator enforces the cluster's node-port range; without one, only the number itself can be checked.
        if (port.NodePort is { } nodePort and not 0)
        {
            foreach (var msg in NameValidation.IsValidPortNumber(nodePort))
            {
                ctx.Invalid(path + ".nodePort", nodePort, msg);
            }
        }

        if (port.AppProtocol is not null)
        {
            foreach (var msg in NameValidation.IsQualifiedName(port.AppProtocol))
            {
                ctx.Invalid(path + ".appProtocol", port.AppProtocol, msg);
            }
        }
    }

    private static void ValidateProtocol(string? protocol, string path, ValidationContext ctx)
    {
        if (string.IsNullOrEmpty(protocol))
        {
            ctx.Required(path);
        }
        else if (!PortProtocols.Contains(protocol, StringComparer.Ordinal))
        {
            ctx.NotSupported(path, protocol, PortProtocols);
        }
    }

    /// <summary>A port given by number (1-65535) or by IANA_SVC_NAME (<c>ValidatePortNumOrName</c>).</summary>
    private static void ValidatePortNumberOrName(IntOrString? port, string path, ValidationContext ctx)
    {
        if (IntOrStringValue.TryGetNumber(port, out var number) || IntOrStringValue.IsEmpty(port))
        {
            foreach (var msg in NameValidation.IsValidPortNumber(number))
            {
                ctx.Invalid(path, number, msg);
            }

            return;
        }

        foreach (var msg in NameValidation.IsIanaSvcName(port!.Value))
        {
            ctx.Invalid(path, port.Value, msg);
        }
    }

    private static void ValidateClientIPAffinityConfig(V1SessionAffinityConfig? config, ValidationContext ctx)
    {
        const string path = "spec.sessionAffinityConfig";
        const string detail = "when session affinity type is ClientIP";
        if (config is null)
        {
            ctx.Required(path, detail);
        }
        else if (config.ClientIP is null)
        {
            ctx.Required(path + ".clientIP", detail);
        }
        else if (config.ClientIP.TimeoutSeconds is not { } timeout)
        {
            ctx.Required(path + ".clientIP.timeoutSeconds", detail);
        }
        else if (timeout is <= 0 or > MaxClientIPServiceAffinitySeconds)
        {
            ctx.Invalid(path + ".clientIP.timeoutSeconds", timeout, $"must be greater than 0 and less than {MaxClientIPServiceAffinitySeconds}");
        }
    }

    // ValidateServiceClusterIPsRelatedFields, plus the allocator's pre-checks of ipFamilyPolicy against the lists.
    private static void ValidateClusterIPsRelatedFields(V1ServiceSpec spec, ValidationContext ctx)
    {
        if (spec.Type == "ExternalName")
        {
            return;
        }

        var clusterIPs = spec.ClusterIPs ?? [];
        var families = spec.IpFamilies ?? [];

        if (!string.IsNullOrEmpty(spec.ClusterIP))
        {
            if (clusterIPs.Count == 0)
            {
                ctx.Required("spec.clusterIPs");
            }
            else if (clusterIPs[0] != spec.ClusterIP)
            {
                ctx.InvalidRendered("spec.clusterIPs", GoFormat.JsonStringArray(clusterIPs), "first value must match `clusterIP`");
            }
        }
        else if (clusterIPs.Count != 0)
        {
            ctx.InvalidRendered("spec.clusterIPs", GoFormat.JsonStringArray(clusterIPs), "must be empty when `clusterIP` is not specified");
        }

        var seenFamilies = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < families.Count; i++)
        {
            var family = families[i] ?? string.Empty;
            if (!IpFamilies.Contains(family, StringComparer.Ordinal))
            {
                ctx.NotSupported(Index("spec.ipFamilies", i), family, IpFamilies);
            }

            if (!seenFamilies.Add(family))
            {
                ctx.Duplicate(Index("spec.ipFamilies", i), family);
            }
        }

        if (spec.IpFamilyPolicy is not null && !IpFamilyPolicies.Contains(spec.IpFamilyPolicy, StringComparer.Ordinal))
        {
            ctx.NotSupported("spec.ipFamilyPolicy", spec.IpFamilyPolicy, IpFamilyPolicies);
        }

        var hasInvalidIPs = false;
        for (var i = 0; i < clusterIPs.Count; i++)
        {
            if (i == 0 && clusterIPs[i] == "None")
            {
                if (clusterIPs.Count > 1)
                {
                    hasInvalidIPs = true;
                    ctx.InvalidRendered("spec.clusterIPs", GoFormat.JsonStringArray(clusterIPs), "'None' must be the first and only value");
                }

                continue;
            }

            hasInvalidIPs |= !IpValidation.ValidateIpForLegacyField(ctx, Index("spec.clusterIPs", i), clusterIPs[i]);
        }

        if (clusterIPs.Count > 2)
        {
            ctx.InvalidRendered("spec.clusterIPs", GoFormat.JsonStringArray(clusterIPs), "may only hold up to 2 values");
        }

        // Bad IPs would skew the family checks below.
        if (hasInvalidIPs)
        {
            return;
        }

        if (clusterIPs.Count > 1 && !IpValidation.IsDualStack(clusterIPs))
        {
            ctx.InvalidRendered("spec.clusterIPs", GoFormat.JsonStringArray(clusterIPs), "may specify no more than one IP for each IP family");
        }

        if (!IsHeadless(spec))
        {
            for (var i = 0; i < clusterIPs.Count && i < families.Count; i++)
            {
                if (!IpValidation.TryParseSloppy(clusterIPs[i], out var ip))
                {
                    continue;
                }

                if (families[i] == "IPv4" && !IpValidation.IsIPv4(ip))
                {
                    ctx.Invalid(Index("spec.clusterIPs", i), clusterIPs[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`");
                }

                if (families[i] == "IPv6" && IpValidation.IsIPv4(ip))
                {
                    ctx.Invalid(Index("spec.clusterIPs", i), clusterIPs[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`");
                }
            }
        }

        if (spec.IpFamilyPolicy == "SingleStack")
        {
            var policy = GoFormat.JsonString(spec.IpFamilyPolicy);
            if (clusterIPs.Count == 2)
            {
                ctx.InvalidRendered("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified");
            }

            if (families.Count == 2)
            {
                ctx.InvalidRendered("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified");
            }
        }
    }

    private static void ValidateLoadBalancerSourceRanges(V1ServiceSpec spec, IDictionary<string, string>? annotations, ValidationContext ctx)
    {
        if (spec.LoadBalancerSourceRanges is { Count: > 0 } ranges)
        {
            // Upstream spells this path with a capital L.
            const string path = "spec.LoadBalancerSourceRanges";
            if (spec.Type != "LoadBalancer")
            {
                ctx.Forbidden(path, "may only be used when `type` is 'LoadBalancer'");
            }

            for (var i = 0; i < ranges.Count; i++)
            {
                // Historically these may be space-padded.
                IpValidation.ValidateCidrForLegacyField(ctx, Index(path, i), ranges[i]?.Trim());
            }
        }
        else if (GetValue(annotations, "service.beta.kubernetes.io/load-balancer-source-ranges") is { } value)
        {
            const string path = "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]";
            if (spec.Type != "LoadBalancer")
            {
                ctx.Forbidden(path, "may only be used when `type` is 'LoadBalancer'");
            }

            value = value.Trim();
            if (value.Length > 0)
            {
                foreach (var cidr in value.Split(','))
                {
                    IpValidation.ValidateCidrForLegacyField(ctx, path, cidr.Trim());
                }
            }
        }
    }

    private static void ValidateExternalTrafficPolicy(V1ServiceSpec spec, ValidationContext ctx)
    {
        if (!CoreDefaults.IsExternallyAccessible(spec))
        {
            if (!string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
            {
                ctx.Invalid("spec.externalTrafficPolicy", spec.ExternalTrafficPolicy, "may only be set for externally-accessible services");
            }
        }
        else if (string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            ctx.Required("spec.externalTrafficPolicy");
        }
        else if (!TrafficPolicies.Contains(spec.ExternalTrafficPolicy, StringComparer.Ordinal))
        {
            ctx.NotSupported("spec.externalTrafficPolicy", spec.ExternalTrafficPolicy, TrafficPolicies);
        }

        var needsHealthCheck = spec.Type == "LoadBalancer" && spec.ExternalTrafficPolicy == "Local";
        var healthCheckNodePort = spec.HealthCheckNodePort ?? 0;
        if (!needsHealthCheck)
        {
            if (healthCheckNodePort != 0)
            {
                ctx.Invalid("spec.healthCheckNodePort", healthCheckNodePort,
                    "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
            }
        }
        else if (healthCheckNodePort != 0)
        {
            // Zero is fine here: the server allocates one before validating, which we cannot do.
            foreach (var msg in NameValidation.IsValidPortNumber(healthCheckNodePort))
            {
                ctx.Invalid("spec.healthCheckNodePort", healthCheckNodePort, msg);
            }
        }
    }
}
