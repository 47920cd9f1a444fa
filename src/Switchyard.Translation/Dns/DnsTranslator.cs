using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Ir.Dns;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.Dns;

/// <summary>
/// Builds the cluster DNS zone (Kubernetes DNS-Based Service Discovery, schema 1.1.0) and the reverse zones from
/// Services, EndpointSlices and Pods. Pure: the same store gives the same records in the same (canonical) order.
/// </summary>
public static class DnsTranslator
{
    /// <summary>Version of the DNS schema served in <c>dns-version.&lt;zone&gt;</c>.</summary>
    public const string SchemaVersion = "1.1.0";

    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>The Service Pods use as their resolver (kubelet's clusterDNS); its cluster IPs are the zone's name server.</summary>
    public const string ClusterDnsService = "kube-dns";

    private const string NameServer = "ns.dns.";

    public static readonly ImmutableArray<string> ReverseZones = ["in-addr.arpa.", "ip6.arpa."];

    /// <summary>The translation step: sets <see cref="TranslationContext.Dns"/>.</summary>
    public static void Step(TranslationContext ctx, List<Listener> listeners, List<BackendCluster> clusters) =>
        ctx.Dns = Translate(ctx.Store, ctx.Options, ctx.Warn);

    public static DnsZone Translate(StoreSnapshot store, TranslatorOptions options, Action<ResourceKey, string, string>? warn = null)
    {
        warn ??= static (_, _, _) => { };
        var origin = NormalizeDomain(options.ClusterDomain);
        if (origin is null)
        {
            return DnsZone.Empty;
        }

        var ttl = (int)Math.Clamp(options.DnsTtl.TotalSeconds, 0, int.MaxValue);
        var records = new List<DnsRecord>();
        var builder = new Builder(records, origin, ttl);
        builder.Apex();

        var slicesByService = new Dictionary<(string Namespace, string Service), List<V1EndpointSlice>>();
        foreach (var stored in store.All)
        {
            if (stored.Object is V1EndpointSlice slice
                && slice.Metadata.Labels?.TryGetValue(ServiceNameLabel, out var service) == true && service is not null)
            {
                var key = (NamespaceOf(slice.Metadata), service);
                if (!slicesByService.TryGetValue(key, out var list))
                {
                    slicesByService[key] = list = [];
                }

                list.Add(slice);
            }
        }

        var emptyNames = new SortedSet<string>(StringComparer.Ordinal) { "svc." + origin, "pod." + origin };
        V1Service? clusterDns = null;
        foreach (var stored in store.All)
        {
            switch (stored.Object)
            {
                case V1Namespace ns when IsLabel(ns.Metadata.Name):
                    // An existing namespace answers NODATA below svc and pod even when it holds nothing (CoreDNS does).
                    var name = ns.Metadata.Name!.ToLowerInvariant();
                    emptyNames.Add($"{name}.svc.{origin}");
                    emptyNames.Add($"{name}.pod.{origin}");
                    break;
                case V1Service service:
                    if (service.Metadata.Name == ClusterDnsService && NamespaceOf(service.Metadata) == "kube-system")
                    {
                        clusterDns = service;
                    }

                    var slices = slicesByService.GetValueOrDefault((NamespaceOf(service.Metadata), service.Metadata.Name ?? string.Empty)) ?? [];
                    AddService(builder, stored.Key, service, slices, warn);
                    break;
                case V1Pod pod:
                    AddPod(builder, stored.Key, pod, warn);
                    break;
            }
        }

        foreach (var address in NameServerAddresses(clusterDns, options.DnsServerAddress))
        {
            builder.Address(NameServer + origin, address);
        }

        return new DnsZone
        {
            Origin = origin,
            Records = Canonical(records),
            Fallthrough = ReverseZones,
            EmptyNames = [.. emptyNames],
        };
    }

    /// <summary>
    /// Addresses of <c>ns.dns.&lt;zone&gt;</c>: the cluster IPs of <c>kube-system/kube-dns</c>, the Service Pods query
    /// (what CoreDNS answers); without it, the address this server listens on (loopback when it listens on all).
    /// </summary>
    private static IEnumerable<IPAddress> NameServerAddresses(V1Service? clusterDns, IPAddress? listen)
    {
        var ips = (clusterDns?.Spec?.ClusterIPs ?? (clusterDns?.Spec?.ClusterIP is { } one ? [one] : []))
            .Select(ip => IPAddress.TryParse(ip, out var parsed) ? parsed : null)
            .OfType<IPAddress>()
            .ToList();
        if (ips.Count > 0)
        {
            return ips;
        }

        if (listen is null)
        {
            return [];
        }

        if (listen.Equals(IPAddress.Any))
        {
            return [IPAddress.Loopback];
        }

        return listen.Equals(IPAddress.IPv6Any) ? [IPAddress.IPv6Loopback] : [listen];
    }

    /// <summary>Lower case, one trailing dot; null when not a valid domain.</summary>
    public static string? NormalizeDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var name = domain.Trim().TrimEnd('.').ToLowerInvariant() + ".";
        return name != "." && DnsNames.IsValidAbsolute(name) ? name : null;
    }

    /// <summary>Records sorted in canonical order (RFC 4034 §6.1 names, then type, then RDATA), duplicates removed.</summary>
    public static ImmutableArray<DnsRecord> Canonical(IEnumerable<DnsRecord> records)
    {
        var sorted = records.Distinct().ToList();
        sorted.Sort(DnsRecordComparer.Instance);
        return [.. sorted];
    }

    /// <summary>The name of the reverse-lookup PTR record for an address (RFC 1035 §3.5, RFC 3596 §2.5).</summary>
    public static string ReverseName(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var sb = new StringBuilder(80);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                sb.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            }

            return sb.Append("in-addr.arpa.").ToString();
        }

        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            sb.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }

        return sb.Append("ip6.arpa.").ToString();
    }

    /// <summary>An address as one DNS label: dots (IPv4) or colons (IPv6) replaced by dashes, as Pod and endpoint names use.</summary>
    public static string DashedAddress(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? address.ToString().Replace('.', '-')
            : address.ToString().Replace(':', '-');

    private static void AddService(Builder b, ResourceKey key, V1Service service, List<V1EndpointSlice> slices, Action<ResourceKey, string, string> warn)
    {
        var ns = NamespaceOf(service.Metadata);
        var name = service.Metadata.Name ?? string.Empty;
        if (!IsLabel(name) || !IsLabel(ns))
        {
            warn(key, "metadata.name", "not a DNS label; the Service has no DNS records");
            return;
        }

        var spec = service.Spec ?? new V1ServiceSpec();
        var serviceName = $"{name}.{ns}.svc.{b.Origin}";
        if (string.Equals(spec.Type, "ExternalName", StringComparison.Ordinal))
        {
            var target = NormalizeDomain(spec.ExternalName);
            if (target is null)
            {
                warn(key, "spec.externalName", "not a valid DNS name; the Service has no DNS records");
                return;
            }

            b.Add(new DnsRecord { Name = serviceName, Type = DnsRecordType.CNAME, Ttl = b.Ttl, Target = target });
            return;
        }

        var headless = string.Equals(spec.ClusterIP, "None", StringComparison.Ordinal)
            || (spec.ClusterIPs is { Count: > 0 } && string.Equals(spec.ClusterIPs[0], "None", StringComparison.Ordinal));
        var endpoints = Endpoints(key, slices, spec.PublishNotReadyAddresses == true, warn);
        if (headless)
        {
            foreach (var endpoint in endpoints)
            {
                b.Address(serviceName, endpoint.Address);
            }

            // One SRV per ready endpoint and named port, to the endpoint's own name (spec 2.4.2); the port is the
            // endpoint's port of that name, which is where a client of a headless Service connects.
            foreach (var endpoint in endpoints)
            {
                foreach (var port in endpoint.Ports)
                {
                    b.Srv($"_{port.Name}._{port.Protocol}.{serviceName}", port.Number, $"{endpoint.Host}.{serviceName}");
                }
            }
        }
        else
        {
            var ips = new List<IPAddress>();
            var clusterIps = spec.ClusterIPs is { Count: > 0 } ? spec.ClusterIPs : spec.ClusterIP is null ? [] : [spec.ClusterIP];
            foreach (var ip in clusterIps)
            {
                if (string.IsNullOrEmpty(ip) || ip == "None")
                {
                    continue;
                }

                if (!IPAddress.TryParse(ip, out var address))
                {
                    warn(key, "spec.clusterIPs", $"'{ip}' is not an IP address; no DNS record for it");
                    continue;
                }

                ips.Add(address);
                b.Address(serviceName, address);
                b.Add(new DnsRecord { Name = ReverseName(address), Type = DnsRecordType.PTR, Ttl = b.Ttl, Target = serviceName });
            }

            // One SRV per named port, to the Service name (spec 2.3.2); only once the Service has an address.
            if (ips.Count > 0)
            {
                foreach (var port in spec.Ports ?? [])
                {
                    if (string.IsNullOrEmpty(port.Name))
                    {
                        continue;
                    }

                    var proto = Protocol(port.Protocol);
                    if (!IsLabel(port.Name) || proto is null || port.Port is < 1 or > 65535)
                    {
                        warn(key, "spec.ports", $"port '{port.Name}' cannot be named in DNS; no SRV record");
                        continue;
                    }

                    b.Srv($"_{port.Name}._{proto}.{serviceName}", port.Port, serviceName);
                }
            }
        }

        // Every endpoint is reachable by name under the Service, and its address maps back to that name.
        foreach (var endpoint in endpoints)
        {
            var host = $"{endpoint.Host}.{serviceName}";
            b.Address(host, endpoint.Address);
            b.Add(new DnsRecord { Name = ReverseName(endpoint.Address), Type = DnsRecordType.PTR, Ttl = b.Ttl, Target = host });
        }
    }

    private static List<Endpoint> Endpoints(ResourceKey serviceKey, List<V1EndpointSlice> slices, bool publishNotReady, Action<ResourceKey, string, string> warn)
    {
        var result = new List<Endpoint>();
        foreach (var slice in slices)
        {
            if (slice.AddressType is not ("IPv4" or "IPv6"))
            {
                continue;
            }

            var ports = new List<NamedPort>();
            foreach (var port in slice.Ports ?? [])
            {
                var proto = Protocol(port.Protocol);
                if (!string.IsNullOrEmpty(port.Name) && IsLabel(port.Name) && proto is not null && port.Port is >= 1 and <= 65535)
                {
                    ports.Add(new NamedPort(port.Name, proto, port.Port.Value));
                }
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                // A missing ready condition means ready (discovery/v1 EndpointConditions).
                if (!publishNotReady && endpoint.Conditions?.Ready == false)
                {
                    continue;
                }

                foreach (var text in endpoint.Addresses ?? [])
                {
                    if (!IPAddress.TryParse(text, out var address)
                        || (address.AddressFamily == AddressFamily.InterNetwork) != (slice.AddressType == "IPv4"))
                    {
                        warn(serviceKey, "endpoints", $"EndpointSlice {NamespaceOf(slice.Metadata)}/{slice.Metadata.Name}: '{text}' is not an {slice.AddressType} address; skipped");
                        continue;
                    }

                    var host = EndpointLabel(address);
                    if (!string.IsNullOrEmpty(endpoint.Hostname))
                    {
                        if (IsLabel(endpoint.Hostname))
                        {
                            host = endpoint.Hostname;
                        }
                        else
                        {
                            warn(serviceKey, "endpoints", $"EndpointSlice {NamespaceOf(slice.Metadata)}/{slice.Metadata.Name}: hostname '{endpoint.Hostname}' is not a DNS label; the endpoint is named {host}");
                        }
                    }

                    result.Add(new Endpoint(address, host, ports));
                }
            }
        }

        return result;
    }

    private static void AddPod(Builder b, ResourceKey key, V1Pod pod, Action<ResourceKey, string, string> warn)
    {
        var ns = NamespaceOf(pod.Metadata);
        if (!IsLabel(ns) || pod.Status is null || pod.Status.Phase is "Succeeded" or "Failed")
        {
            return;
        }

        var ips = new List<string>();
        if (pod.Status.PodIPs is { Count: > 0 })
        {
            ips.AddRange(pod.Status.PodIPs.Select(p => p.Ip).Where(ip => ip is not null));
        }
        else if (!string.IsNullOrEmpty(pod.Status.PodIP))
        {
            ips.Add(pod.Status.PodIP);
        }

        foreach (var ip in ips)
        {
            if (!IPAddress.TryParse(ip, out var address))
            {
                warn(key, "status.podIPs", $"'{ip}' is not an IP address; no DNS record for it");
                continue;
            }

            // Pods verified mode: a name exists only for an IP of an existing Pod in that namespace.
            b.Address($"{DashedAddress(address)}.{ns}.pod.{b.Origin}", address);
        }
    }

    /// <summary>
    /// Name of an endpoint without a hostname: its address with dashes, and a trailing "-" made "-0" so the label ends
    /// in an alphanumeric (as CoreDNS does).
    /// </summary>
    private static string EndpointLabel(IPAddress address)
    {
        var dashed = DashedAddress(address);
        return dashed.EndsWith('-') ? dashed + "0" : dashed;
    }

    private static string? Protocol(string? protocol) => (protocol ?? "TCP") switch
    {
        "TCP" => "tcp",
        "UDP" => "udp",
        "SCTP" => "sctp",
        _ => null,
    };

    private static string NamespaceOf(V1ObjectMeta meta) => string.IsNullOrEmpty(meta.NamespaceProperty) ? "default" : meta.NamespaceProperty;

    /// <summary>An RFC 1123 label: 1–63 lower-case letters, digits and '-', starting and ending alphanumeric.</summary>
    private static bool IsLabel(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 63 || text[0] == '-' || text[^1] == '-')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record NamedPort(string Name, string Protocol, int Number);

    private sealed record Endpoint(IPAddress Address, string Host, List<NamedPort> Ports);

    private sealed class Builder(List<DnsRecord> records, string origin, int ttl)
    {
        public string Origin => origin;

        public int Ttl => ttl;

        public void Add(DnsRecord record)
        {
            if (DnsNames.IsValidAbsolute(record.Name) && (record.Target is null || DnsNames.IsValidAbsolute(record.Target)))
            {
                records.Add(record);
            }
        }

        public void Address(string name, IPAddress address) => Add(new DnsRecord
        {
            Name = name,
            Type = address.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.AAAA,
            Ttl = ttl,
            Address = address.ToString(),
        });

        public void Srv(string name, int port, string target) => Add(new DnsRecord
        {
            Name = name,
            Type = DnsRecordType.SRV,
            Ttl = ttl,
            Priority = 0,
            Weight = 100,
            Port = port,
            Target = target,
        });

        /// <summary>SOA, NS and the schema version at the cluster apex; SOA and NS at each reverse apex.</summary>
        public void Apex()
        {
            var soa = new DnsSoa { MName = NameServer + origin, RName = "hostmaster." + origin, Minimum = ttl };
            foreach (var apex in ReverseZones.Prepend(origin))
            {
                Add(new DnsRecord { Name = apex, Type = DnsRecordType.SOA, Ttl = ttl, Soa = soa });
                Add(new DnsRecord { Name = apex, Type = DnsRecordType.NS, Ttl = ttl, Target = soa.MName });
            }

            Add(new DnsRecord { Name = "dns-version." + origin, Type = DnsRecordType.TXT, Ttl = ttl, Text = SchemaVersion });
        }
    }
}
