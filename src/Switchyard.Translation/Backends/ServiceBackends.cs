using System.Globalization;
using System.Net;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Resources.Store;
using Switchyard.Translation.Policies;

namespace Switchyard.Translation.Backends;

/// <summary>
/// Service ports as backend clusters: one cluster per (Service, port), built once per translation and shared by every
/// route that references it. Endpoints come from the Service's EndpointSlices (label kubernetes.io/service-name).
/// </summary>
internal sealed class ServiceBackends
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly StoreSnapshot _store;
    private readonly BackendTlsPolicies _policies;
    private readonly Dictionary<string, List<V1EndpointSlice>> _slicesByService = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BackendCluster> _clusters = new(StringComparer.Ordinal);

    /// <param name="store">The store snapshot.</param>
    /// <param name="policies">BackendTLSPolicies, applied when a caller asks (Gateway API routes); none by default.</param>
    public ServiceBackends(StoreSnapshot store, BackendTlsPolicies? policies = null)
    {
        _store = store;
        _policies = policies ?? BackendTlsPolicies.Empty;
        foreach (var slice in store.OfType<V1EndpointSlice>())
        {
            if (slice.Metadata.Labels is { } labels && labels.TryGetValue(ServiceNameLabel, out var service) && !string.IsNullOrEmpty(service))
            {
                var key = (slice.Metadata.NamespaceProperty ?? string.Empty) + "/" + service;
                if (!_slicesByService.TryGetValue(key, out var list))
                {
                    _slicesByService[key] = list = [];
                }

                list.Add(slice);
            }
        }
    }

    // Numeric address order (IPv4 before IPv6), so 192.0.2.3 comes before 192.0.2.20 in dumps and logs.
    private static readonly Comparer<string> AddressOrder = Comparer<string>.Create((a, b) =>
    {
        var x = IPAddress.Parse(a).GetAddressBytes();
        var y = IPAddress.Parse(b).GetAddressBytes();
        var c = x.Length.CompareTo(y.Length);
        return c != 0 ? c : x.AsSpan().SequenceCompareTo(y);
    });

    public static string ClusterId(string ns, string name, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"service/{ns}/{name}/port/{port}");

    /// <summary>The id of the cluster that speaks HTTP/2 with prior knowledge to a Service port without an appProtocol saying so.</summary>
    public static string H2cClusterId(string ns, string name, int port) => ClusterId(ns, name, port) + "/h2c";

    /// <summary>
    /// The id of the cluster that speaks TLS to a Service port as BackendTLSPolicy <paramref name="policy"/> says (the
    /// policy lives in the Service's namespace).
    /// </summary>
    public static string PolicyClusterId(string ns, string name, int port, string policy) => ClusterId(ns, name, port) + "/backendtlspolicy/" + policy;

    /// <summary>Finds a Service port (the Service's port number, not the target port) and builds its cluster on first use.</summary>
    /// <param name="ns">The Service's namespace.</param>
    /// <param name="name">The Service's name.</param>
    /// <param name="port">The Service port number.</param>
    /// <param name="tlsAllowed">
    /// Accept ports whose appProtocol asks for TLS (https, kubernetes.io/wss) as <see cref="BackendProtocol.Https"/>
    /// clusters without <see cref="BackendCluster.Tls"/>; the caller decides how to verify. Otherwise they are refused.
    /// </param>
    /// <param name="http2">
    /// The caller (a GRPCRoute) needs HTTP/2. A port whose appProtocol names no protocol Switchyard knows (or none) is
    /// then spoken to with h2c prior knowledge, in a cluster of its own (<see cref="H2cClusterId"/>), since the route
    /// kind tells the protocol; one whose appProtocol says HTTP/1.1 is refused.
    /// </param>
    /// <param name="backendTlsPolicy">
    /// Honour the BackendTLSPolicy selecting the port, if any: the backend is then spoken to over TLS as the policy says
    /// (in a cluster of its own, <see cref="PolicyClusterId"/>), whatever its appProtocol, and a policy that cannot be
    /// honoured makes the backend unusable (<see cref="ServicePortOutcome.InvalidBackendTls"/>).
    /// </param>
    public ServicePortLookup Find(string ns, string name, int port, bool tlsAllowed = false, bool http2 = false, bool backendTlsPolicy = false)
    {
        var id = ClusterId(ns, name, port);
        var policies = backendTlsPolicy && _policies.Targets(ns, name);
        if (!http2 && !policies && _clusters.TryGetValue(id, out var known))
        {
            // A caller that allowed TLS ports (Ingress, TLSRoute) may have built this cluster first: the answer must
            // not depend on which route kind asked first.
            return known.Protocol == BackendProtocol.Https && !tlsAllowed
                ? new ServicePortLookup(ServicePortOutcome.UnsupportedProtocol, id, string.Create(CultureInfo.InvariantCulture, $"Service {ns}/{name} port {port} has appProtocol {Service(ns, name)?.Spec?.Ports?.FirstOrDefault(p => p?.Port == port)?.AppProtocol}; TLS to backends needs a BackendTLSPolicy selecting the port"))
                : new ServicePortLookup(ServicePortOutcome.Found, id, string.Empty);
        }

        var service = _store.Get<V1Service>(string.Empty, "Service", ns, name);
        if (service is null)
        {
            return new ServicePortLookup(ServicePortOutcome.ServiceNotFound, id, $"Service {ns}/{name} not found");
        }

        if (string.Equals(service.Spec?.Type, "ExternalName", StringComparison.Ordinal))
        {
            return new ServicePortLookup(ServicePortOutcome.ExternalName, id, $"Service {ns}/{name} is of type ExternalName, which is not supported as a backend");
        }

        var servicePort = service.Spec?.Ports?.FirstOrDefault(p => p is not null && p.Port == port);
        if (servicePort is null)
        {
            return new ServicePortLookup(ServicePortOutcome.PortNotFound, id, string.Create(CultureInfo.InvariantCulture, $"Service {ns}/{name} has no port {port}"));
        }

        var protocol = servicePort.Protocol ?? "TCP";
        if (!string.Equals(protocol, "TCP", StringComparison.Ordinal))
        {
            return new ServicePortLookup(ServicePortOutcome.UnsupportedProtocol, id, string.Create(CultureInfo.InvariantCulture, $"Service {ns}/{name} port {port} uses protocol {protocol}; HTTP needs TCP"));
        }

        if (policies && _policies.For(ns, name, servicePort.Name) is { } policy)
        {
            return PolicyCluster(ns, name, servicePort, policy);
        }

        BackendProtocol backendProtocol;
        switch (servicePort.AppProtocol)
        {
            case "kubernetes.io/h2c":
                backendProtocol = BackendProtocol.H2C;
                break;
            case "kubernetes.io/ws" or "http" when http2:
                return new ServicePortLookup(ServicePortOutcome.UnsupportedProtocol, id, string.Create(CultureInfo.InvariantCulture, $"Service {ns}/{name} port {port} has appProtocol {servicePort.AppProtocol}, which is HTTP/1.1; gRPC needs HTTP/2 (appProtocol kubernetes.io/h2c, or none)"));
            case "kubernetes.io/ws":
                backendProtocol = BackendProtocol.WebSocket;
                break;
            case "kubernetes.io/wss" or "https" when tlsAllowed:
                // With TLS, ALPN settles HTTP/2 (which gRPC needs) when the backend offers it.
                backendProtocol = BackendProtocol.Https;
                break;
            case "kubernetes.io/wss" or "https":
                // Without a BackendTLSPolicy there is nothing to verify the backend's certificate against.
                return new ServicePortLookup(ServicePortOutcome.UnsupportedProtocol, id, string.Create(CultureInfo.InvariantCulture, $"Service {ns}/{name} port {port} has appProtocol {servicePort.AppProtocol}; TLS to backends needs a BackendTLSPolicy selecting the port"));
            case var _ when http2:
                // No appProtocol (or one Switchyard does not know): gRPC is HTTP/2, so speak h2c in a cluster of its
                // own, leaving the port's HTTP/1.1 cluster to HTTPRoutes.
                backendProtocol = BackendProtocol.H2C;
                id = H2cClusterId(ns, name, port);
                break;
            default:
                backendProtocol = BackendProtocol.Http1;
                break;
        }

        if (!_clusters.ContainsKey(id))
        {
            _clusters[id] = new BackendCluster
            {
                Id = id,
                Service = ns + "/" + name,
                Protocol = backendProtocol,
                Endpoints = Endpoints(ns, name, servicePort.Name),
            };
        }

        return new ServicePortLookup(ServicePortOutcome.Found, id, string.Empty);
    }

    // ALPN settles HTTP/2 (which gRPC needs) or HTTP/1.1, so HTTPRoutes and GRPCRoutes share the cluster.
    private ServicePortLookup PolicyCluster(string ns, string name, V1ServicePort servicePort, BackendTlsPolicyEntry policy)
    {
        var port = servicePort.Port;
        if (policy.Tls is not { } tls)
        {
            var why = policy.NotAccepted?.Reason ?? "not accepted";
            return new ServicePortLookup(
                ServicePortOutcome.InvalidBackendTls,
                ClusterId(ns, name, port),
                string.Create(CultureInfo.InvariantCulture, $"Service {ns}/{name} port {port} is spoken to over TLS as BackendTLSPolicy {policy.FullName} says, but that policy cannot be honoured ({why}; see its status)"));
        }

        var id = PolicyClusterId(ns, name, port, policy.Name);
        if (!_clusters.ContainsKey(id))
        {
            _clusters[id] = new BackendCluster
            {
                Id = id,
                Service = ns + "/" + name,
                Protocol = BackendProtocol.Https,
                Tls = tls,
                Endpoints = Endpoints(ns, name, servicePort.Name),
            };
        }

        return new ServicePortLookup(ServicePortOutcome.Found, id, string.Empty);
    }

    /// <summary>
    /// The cluster to use for <paramref name="id"/> from a Gateway that presents <paramref name="clientCertificate"/> to
    /// backends: for a cluster speaking TLS as a BackendTLSPolicy says, a copy presenting the certificate (built on first
    /// use); any other cluster is returned as is.
    /// </summary>
    public string WithClientCertificate(string id, TlsCertificate clientCertificate)
    {
        if (!_clusters.TryGetValue(id, out var cluster) || cluster.Tls is not { Verify: true } tls || tls.ClientCertificate is not null)
        {
            return id;
        }

        var withCertificate = id + "/client/" + clientCertificate.Id;
        if (!_clusters.ContainsKey(withCertificate))
        {
            _clusters[withCertificate] = cluster with { Id = withCertificate, Tls = tls with { ClientCertificate = clientCertificate } };
        }

        return withCertificate;
    }

    /// <summary>The cluster with this id (found before).</summary>
    public BackendCluster Cluster(string id) => _clusters[id];

    /// <summary>The Service <paramref name="ns"/>/<paramref name="name"/>, or null.</summary>
    public V1Service? Service(string ns, string name) => _store.Get<V1Service>(string.Empty, "Service", ns, name);

    /// <summary>The clusters with these ids (each found before), in id order.</summary>
    public IEnumerable<BackendCluster> Clusters(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => _clusters[id]);

    // Ready endpoints of the slices' port with the Service port's name (EndpointSlice ports carry the Service port
    // name, and the target port already resolved). A null ready condition means ready, as Kubernetes defines it.
    private System.Collections.Immutable.ImmutableArray<BackendEndpoint> Endpoints(string ns, string service, string? portName)
    {
        if (!_slicesByService.TryGetValue(ns + "/" + service, out var slices))
        {
            return [];
        }

        var endpoints = new List<BackendEndpoint>();
        var seen = new HashSet<(string, int)>();
        foreach (var slice in slices)
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                continue;
            }

            var slicePort = slice.Ports?.FirstOrDefault(p => p is not null
                && string.Equals(p.Name ?? string.Empty, portName ?? string.Empty, StringComparison.Ordinal)
                && string.Equals(p.Protocol ?? "TCP", "TCP", StringComparison.Ordinal));
            if (slicePort?.Port is not { } port || port is < 1 or > 65535)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                if (endpoint is null || endpoint.Conditions?.Ready == false)
                {
                    continue;
                }

                foreach (var address in endpoint.Addresses ?? [])
                {
                    if (!IPAddress.TryParse(address, out var ip))
                    {
                        continue;
                    }

                    var literal = ip.ToString();
                    if (seen.Add((literal, port)))
                    {
                        endpoints.Add(new BackendEndpoint
                        {
                            Address = literal,
                            Port = port,
                            TargetRef = endpoint.TargetRef?.Name is { } target ? (endpoint.TargetRef.NamespaceProperty ?? ns) + "/" + target : null,
                        });
                    }
                }
            }
        }

        return [.. endpoints.OrderBy(e => e.Address, AddressOrder).ThenBy(e => e.Port).ThenBy(e => e.TargetRef, StringComparer.Ordinal)];
    }
}
