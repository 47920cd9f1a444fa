using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Ir.ServiceProxy;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.ServiceProxy;

/// <summary>
/// Services and their EndpointSlices as L4 proxy rules, as kube-proxy reads them: one rule per Service port of a
/// Service with a cluster IP (headless and ExternalName Services have none), frontends on the cluster IPs, external
/// IPs, the node address with the nodePort and the load-balancer IPs, and endpoints chosen with kube-proxy's
/// <c>CategorizeEndpoints</c> (ready ones, else serving-and-terminating ones, separately for Cluster and Local policy).
/// Topology hints (trafficDistribution) are not applied: Switchyard has no zones.
/// </summary>
internal static class ServiceProxyTranslator
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    public static void Translate(TranslationContext ctx, List<Listener> listeners, List<BackendCluster> clusters)
    {
        _ = listeners;
        _ = clusters;
        var slicesByService = SlicesByService(ctx.Store);
        var claimed = new HashSet<(ServiceProxyProtocol, string, int)>();
        foreach (var service in ctx.Store.OfType<V1Service>())
        {
            TranslateService(ctx, service, slicesByService, claimed);
        }
    }

    private static void TranslateService(
        TranslationContext ctx,
        V1Service service,
        Dictionary<(string, string), List<V1EndpointSlice>> slicesByService,
        HashSet<(ServiceProxyProtocol, string, int)> claimed)
    {
        var spec = service.Spec;
        var ns = service.Metadata.NamespaceProperty ?? string.Empty;
        var name = service.Metadata.Name ?? string.Empty;
        if (spec is null || spec.Type is "ExternalName" || spec.Ports is null)
        {
            return;
        }

        var clusterIPs = ClusterIPs(spec);
        if (clusterIPs.Count == 0)
        {
            // Headless, or not allocated yet: kube-proxy ignores the Service.
            return;
        }

        var key = ServiceKey(service);
        var externallyAccessible = spec.Type is "NodePort" or "LoadBalancer" || spec.ExternalIPs is { Count: > 0 };
        var internalLocal = string.Equals(spec.InternalTrafficPolicy, "Local", StringComparison.Ordinal);
        var externalLocal = externallyAccessible && string.Equals(spec.ExternalTrafficPolicy, "Local", StringComparison.Ordinal);
        int? affinity = string.Equals(spec.SessionAffinity, "ClientIP", StringComparison.Ordinal)
            ? spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is > 0 and var seconds ? seconds : 10800
            : null;
        slicesByService.TryGetValue((ns, name), out var slices);

        for (var i = 0; i < spec.Ports.Count; i++)
        {
            var port = spec.Ports[i];
            if (port is null || port.Port is < 1 or > 65535)
            {
                continue;
            }

            ServiceProxyProtocol protocol;
            switch (port.Protocol ?? "TCP")
            {
                case "TCP":
                    protocol = ServiceProxyProtocol.Tcp;
                    break;
                case "UDP":
                    protocol = ServiceProxyProtocol.Udp;
                    break;
                default:
                    ctx.Warn(key, string.Create(CultureInfo.InvariantCulture, $"spec.ports[{i}].protocol"), $"protocol {port.Protocol} is not proxied (TCP and UDP only)");
                    continue;
            }

            var id = string.Create(CultureInfo.InvariantCulture, $"service/{ns}/{name}/port/{port.Port}")
                + (protocol == ServiceProxyProtocol.Udp ? "/udp" : string.Empty);
            var frontends = Frontends(ctx, service, port, i, protocol, clusterIPs, claimed);
            var endpoints = Endpoints(ctx.Options.NodeName, port, protocol, slices, internalLocal, externalLocal, externallyAccessible);
            ctx.ServiceProxyRules.Add(new ServiceProxyRule
            {
                Id = id,
                Service = ns + "/" + name,
                PortName = port.Name ?? string.Empty,
                Protocol = protocol,
                Frontends = [.. frontends],
                Endpoints = [.. endpoints],
                ClientIPAffinitySeconds = affinity,
                InternalTrafficPolicyLocal = internalLocal,
                ExternalTrafficPolicyLocal = externalLocal,
            });
        }
    }

    private static List<string> ClusterIPs(V1ServiceSpec spec)
    {
        var result = new List<string>();
        IEnumerable<string?> candidates = spec.ClusterIPs is { Count: > 0 } list ? list : [spec.ClusterIP];
        foreach (var candidate in candidates)
        {
            if (Canonical(candidate) is { } ip && !result.Contains(ip, StringComparer.Ordinal))
            {
                result.Add(ip);
            }
        }

        return result;
    }

    private static List<ServiceProxyFrontend> Frontends(
        TranslationContext ctx,
        V1Service service,
        V1ServicePort port,
        int index,
        ServiceProxyProtocol protocol,
        List<string> clusterIPs,
        HashSet<(ServiceProxyProtocol, string, int)> claimed)
    {
        var spec = service.Spec;
        var frontends = new List<ServiceProxyFrontend>();
        void Add(string? address, int portNumber, ServiceProxyFrontendKind kind)
        {
            if (Canonical(address) is not { } ip || portNumber is < 1 or > 65535)
            {
                return;
            }

            if (!claimed.Add((protocol, ip, portNumber)))
            {
                ctx.Warn(
                    ServiceKey(service),
                    string.Create(CultureInfo.InvariantCulture, $"spec.ports[{index}]"),
                    string.Create(CultureInfo.InvariantCulture, $"{protocol} {ip}:{portNumber} ({kind}) is already served by another Service port; not proxied here"));
                return;
            }

            frontends.Add(new ServiceProxyFrontend { Address = ip, Port = portNumber, Kind = kind });
        }

        foreach (var ip in clusterIPs)
        {
            Add(ip, port.Port, ServiceProxyFrontendKind.ClusterIP);
        }

        foreach (var ip in spec.ExternalIPs ?? [])
        {
            Add(ip, port.Port, ServiceProxyFrontendKind.ExternalIP);
        }

        if (spec.Type is "NodePort" or "LoadBalancer" && port.NodePort is > 0 && ctx.Options.NodeAddress is { } nodeAddress)
        {
            Add(nodeAddress, port.NodePort.Value, ServiceProxyFrontendKind.NodePort);
        }

        if (spec.Type is "LoadBalancer")
        {
            foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
            {
                // ipMode Proxy: the load balancer delivers to the node itself, so kube-proxy does not claim the address.
                if (ingress is not null && !string.Equals(ingress.IpMode, "Proxy", StringComparison.Ordinal))
                {
                    Add(ingress.Ip, port.Port, ServiceProxyFrontendKind.LoadBalancer);
                }
            }
        }

        return frontends;
    }

    private static List<ServiceProxyEndpoint> Endpoints(
        string? nodeName,
        V1ServicePort servicePort,
        ServiceProxyProtocol protocol,
        List<V1EndpointSlice>? slices,
        bool internalLocal,
        bool externalLocal,
        bool externallyAccessible)
    {
        var byTarget = new Dictionary<(string, int), Candidate>();
        foreach (var slice in slices ?? [])
        {
            var family = slice.AddressType switch
            {
                "IPv4" => AddressFamily.InterNetwork,
                "IPv6" => AddressFamily.InterNetworkV6,
                _ => AddressFamily.Unknown,
            };
            if (family == AddressFamily.Unknown)
            {
                continue;
            }

            // kube-proxy matches the slice port by the Service port's name and protocol.
            int? targetPort = null;
            foreach (var slicePort in slice.Ports ?? [])
            {
                if (slicePort is not null
                    && string.Equals(slicePort.Name ?? string.Empty, servicePort.Name ?? string.Empty, StringComparison.Ordinal)
                    && string.Equals(slicePort.Protocol ?? "TCP", protocol == ServiceProxyProtocol.Tcp ? "TCP" : "UDP", StringComparison.Ordinal)
                    && slicePort.Port is >= 1 and <= 65535)
                {
                    targetPort = slicePort.Port;
                    break;
                }
            }

            if (targetPort is not { } portNumber)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                // kube-proxy uses the first address only.
                if (endpoint?.Addresses is not { Count: > 0 } addresses
                    || !IPAddress.TryParse(addresses[0], out var ip)
                    || ip.AddressFamily != family)
                {
                    continue;
                }

                // kube-proxy's reading of the conditions: nil ready and nil serving are true, nil terminating false.
                var candidate = new Candidate(
                    ip.ToString(),
                    portNumber,
                    endpoint.NodeName,
                    endpoint.TargetRef?.Name is { } target ? (endpoint.TargetRef.NamespaceProperty ?? slice.Metadata.NamespaceProperty) + "/" + target : null,
                    endpoint.Conditions?.Ready ?? true,
                    endpoint.Conditions?.Serving ?? true,
                    endpoint.Conditions?.Terminating ?? false,
                    nodeName is null || string.Equals(endpoint.NodeName, nodeName, StringComparison.Ordinal));

                // An endpoint moving between slices can appear twice; the ready copy wins, as in kube-proxy.
                var target2 = (candidate.Address, candidate.Port);
                if (!byTarget.TryGetValue(target2, out var existing) || (candidate.Ready && !existing.Ready))
                {
                    byTarget[target2] = candidate;
                }
            }
        }

        var all = byTarget.Values
            .OrderBy(c => c.Address, StringComparer.Ordinal)
            .ThenBy(c => c.Port)
            .ToList();

        var cluster = Usable(all, local: false);
        var local = Usable(all, local: true);
        var internalSet = internalLocal ? local : cluster;
        var externalSet = externallyAccessible ? (externalLocal ? local : cluster) : [];
        return [.. all.Select(c => new ServiceProxyEndpoint
        {
            Address = c.Address,
            Port = c.Port,
            NodeName = c.NodeName,
            TargetRef = c.TargetRef,
            Ready = c.Ready,
            Serving = c.Serving,
            Terminating = c.Terminating,
            Local = c.Local,
            ReceivesInternal = internalSet.Contains(c),
            ReceivesExternal = externalSet.Contains(c),
        })];
    }

    // Ready endpoints; when there are none, the serving ones that are terminating (kube-proxy's fallback).
    private static HashSet<Candidate> Usable(List<Candidate> all, bool local)
    {
        var ready = all.Where(c => (!local || c.Local) && c.Ready).ToHashSet();
        return ready.Count > 0 ? ready : all.Where(c => (!local || c.Local) && c.Serving && c.Terminating).ToHashSet();
    }

    private static Dictionary<(string, string), List<V1EndpointSlice>> SlicesByService(StoreSnapshot store)
    {
        var result = new Dictionary<(string, string), List<V1EndpointSlice>>();
        foreach (var slice in store.OfType<V1EndpointSlice>())
        {
            if (slice.Metadata.Labels is { } labels && labels.TryGetValue(ServiceNameLabel, out var service) && !string.IsNullOrEmpty(service))
            {
                var key = (slice.Metadata.NamespaceProperty ?? string.Empty, service);
                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = [];
                }

                list.Add(slice);
            }
        }

        return result;
    }

    private static string? Canonical(string? address) =>
        !string.IsNullOrEmpty(address) && IPAddress.TryParse(address, out var ip) ? ip.ToString() : null;

    private static ResourceKey ServiceKey(V1Service service) =>
        new(string.Empty, "Service", service.Metadata.NamespaceProperty ?? string.Empty, service.Metadata.Name ?? string.Empty);

    private sealed record Candidate(string Address, int Port, string? NodeName, string? TargetRef, bool Ready, bool Serving, bool Terminating, bool Local);
}
