using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;

namespace Switchyard.EndpointSlices.Tests.Allocation;

public sealed class ServiceAllocatorTests
{
    // 127.96.0.0/16: addresses .0.1 to .255.254; automatic picks start above the 256-address band kept for users.
    private const string FirstDynamicIPv4 = "127.96.1.1";
    private const string SecondDynamicIPv4 = "127.96.1.2";

    [Fact]
    public void Admit_ClusterIPService_FirstDynamicAddressAndSingleStackIPv4()
    {
        var load = Admit(new ServiceAllocator(), Service("web"));

        var spec = Spec(load, "web");
        Assert.Equal(FirstDynamicIPv4, spec.ClusterIP);
        Assert.Equal([FirstDynamicIPv4], spec.ClusterIPs);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
    }

    [Fact]
    public void Admit_SameManifestsInAnyOrder_SameAddresses()
    {
        var yaml = Service("c") + Service("a") + Service("b");
        var reordered = Service("b") + Service("c") + Service("a");

        var first = Admit(new ServiceAllocator(), yaml);
        var second = Admit(new ServiceAllocator(), reordered);

        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Equal(Spec(first, name).ClusterIP, Spec(second, name).ClusterIP);
        }

        Assert.Equal(FirstDynamicIPv4, Spec(first, "a").ClusterIP);
    }

    [Fact]
    public void Admit_Reload_ServicesKeepTheirAddresses()
    {
        var allocator = new ServiceAllocator();
        var before = Admit(allocator, Service("b") + Service("c"));

        // "a" sorts first: a fresh allocator would give it b's address; a reload must not move b and c.
        var after = Admit(allocator, Service("a") + Service("b") + Service("c"));

        Assert.Equal(Spec(before, "b").ClusterIP, Spec(after, "b").ClusterIP);
        Assert.Equal(Spec(before, "c").ClusterIP, Spec(after, "c").ClusterIP);
        Assert.Equal("127.96.1.3", Spec(after, "a").ClusterIP);
    }

    [Fact]
    public void Admit_ServiceRemoved_AddressReleased()
    {
        var allocator = new ServiceAllocator();
        Admit(allocator, Service("old"));

        var load = Admit(allocator, Service("new"));

        Assert.Equal(FirstDynamicIPv4, Spec(load, "new").ClusterIP);
    }

    [Fact]
    public void Admit_ExplicitClusterIP_KeptAndReserved()
    {
        var yaml = Service("a") + Service("b", "clusterIP: " + FirstDynamicIPv4) + Service("outside", "clusterIP: 10.0.0.10");

        var load = Admit(new ServiceAllocator(), yaml);

        Assert.Equal(FirstDynamicIPv4, Spec(load, "b").ClusterIP);
        Assert.Equal(SecondDynamicIPv4, Spec(load, "a").ClusterIP);
        Assert.Equal("10.0.0.10", Spec(load, "outside").ClusterIP);
        Assert.Equal(["10.0.0.10"], Spec(load, "outside").ClusterIPs);
    }

    [Fact]
    public void Admit_ExplicitAddressHeldByReloadedService_NewServiceRefused()
    {
        var allocator = new ServiceAllocator();
        Admit(allocator, Service("a"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        // "b" is created later and asks for the address "a" got automatically: as in a cluster, "b" is refused.
        var load = Admit(allocator, Service("a") + Service("b", "clusterIP: " + FirstDynamicIPv4), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), expectErrors: true);

        var error = Assert.Single(load.Errors);
        Assert.Equal("b", error.Object?.Name);
        Assert.Equal("spec.clusterIP", error.Field);
        Assert.Contains("already allocated to Service apps/a", error.Message, StringComparison.Ordinal);
        Assert.Equal(FirstDynamicIPv4, Spec(load, "a").ClusterIP);
    }

    [Fact]
    public void Admit_TwoServicesClaimOneIP_YoungerRefused()
    {
        var yaml = Service("older", "clusterIP: 127.96.0.10", created: "2025-01-01T00:00:00Z")
            + Service("a-younger", "clusterIP: 127.96.0.10", created: "2025-06-01T00:00:00Z");

        var load = Admit(new ServiceAllocator(), yaml, expectErrors: true);

        var error = Assert.Single(load.Errors);
        Assert.Equal("a-younger", error.Object?.Name);
        Assert.Equal("spec.clusterIP", error.Field);
        Assert.Equal("input.yaml:14: Service apps/a-younger: spec.clusterIP: Invalid value: \"127.96.0.10\": provided IP is already allocated to Service apps/older", error.ToString());
        Assert.DoesNotContain(load.Objects, o => o.Key.Name == "a-younger");
        Assert.Equal("127.96.0.10", Spec(load, "older").ClusterIP);
    }

    [Fact]
    public void Admit_TwoServicesClaimOneIPSameAge_NameOrderDecides()
    {
        var load = Admit(new ServiceAllocator(), Service("b", "clusterIP: 127.96.0.10") + Service("a", "clusterIP: 127.96.0.10"), expectErrors: true);

        Assert.Equal("b", Assert.Single(load.Errors).Object?.Name);
    }

    [Fact]
    public void Admit_RefusedServiceFixed_ClaimsTheAddress()
    {
        var allocator = new ServiceAllocator();
        var yaml = Service("b", "clusterIP: 127.96.0.10") + Service("a", "clusterIP: 127.96.0.10");
        Admit(allocator, yaml, expectErrors: true);

        var load = Admit(allocator, Service("b", "clusterIP: 127.96.0.10"));

        Assert.Equal("127.96.0.10", Spec(load, "b").ClusterIP);
    }

    [Fact]
    public void Admit_RangeFull_RefusedWithError()
    {
        var allocator = new ServiceAllocator(new ServiceAllocatorOptions { ServiceCidrs = ["192.0.2.0/30"] });

        var load = Admit(allocator, Service("a") + Service("b") + Service("c"), expectErrors: true);

        Assert.Equal("192.0.2.1", Spec(load, "a").ClusterIP);
        Assert.Equal("192.0.2.2", Spec(load, "b").ClusterIP);
        var error = Assert.Single(load.Errors);
        Assert.Equal("c", error.Object?.Name);
        Assert.Equal("spec.clusterIP", error.Field);
        Assert.Equal("Internal error: failed to allocate a serviceIP: range is full (192.0.2.0/30)", error.Message);
    }

    [Fact]
    public void Admit_LoaderRefusesServiceOnReload_ItKeepsItsAddress()
    {
        var allocator = new ServiceAllocator();
        Admit(allocator, Service("a"));
        var broken = Service("a").Replace("port: 80", "port: eighty", StringComparison.Ordinal);

        var load = Admit(allocator, broken + Service("b"), expectErrors: true);
        var fixedLoad = Admit(allocator, Service("a") + Service("b"));

        Assert.Equal(SecondDynamicIPv4, Spec(load, "b").ClusterIP);
        Assert.Equal(FirstDynamicIPv4, Spec(fixedLoad, "a").ClusterIP);
        Assert.Equal(SecondDynamicIPv4, Spec(fixedLoad, "b").ClusterIP);
    }

    [Fact]
    public void Admit_Headless_NoAddress()
    {
        var load = Admit(new ServiceAllocator(), Service("db", "clusterIP: None") + Service("manual", "clusterIP: None", selector: false));

        Assert.Equal("None", Spec(load, "db").ClusterIP);
        Assert.Equal(["None"], Spec(load, "db").ClusterIPs);
        Assert.Equal(["IPv4"], Spec(load, "db").IpFamilies);
        Assert.Equal("SingleStack", Spec(load, "db").IpFamilyPolicy);
        // Headless without a selector defaults to dual-stack.
        Assert.Equal(["IPv4", "IPv6"], Spec(load, "manual").IpFamilies);
        Assert.Equal("RequireDualStack", Spec(load, "manual").IpFamilyPolicy);
    }

    [Fact]
    public void Admit_ExternalName_NothingAllocated()
    {
        var load = Admit(new ServiceAllocator(), Service("search", "type: ExternalName\n  externalName: search.example.com"));

        var spec = Spec(load, "search");
        Assert.Null(spec.ClusterIP);
        Assert.Null(spec.ClusterIPs);
        Assert.Null(spec.IpFamilies);
    }

    [Fact]
    public void Admit_PreferDualStack_OneAddressPerFamily()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "ipFamilyPolicy: PreferDualStack") + Service("v6first", "ipFamilyPolicy: RequireDualStack\n  ipFamilies: [IPv6]"));

        // "v6first" sorts first, so it is allocated first.
        Assert.Equal(["fd00:10:96::101", FirstDynamicIPv4], Spec(load, "v6first").ClusterIPs);
        Assert.Equal(["IPv6", "IPv4"], Spec(load, "v6first").IpFamilies);
        Assert.Equal("fd00:10:96::101", Spec(load, "v6first").ClusterIP);
        Assert.Equal([SecondDynamicIPv4, "fd00:10:96::102"], Spec(load, "web").ClusterIPs);
        Assert.Equal(["IPv4", "IPv6"], Spec(load, "web").IpFamilies);
    }

    [Fact]
    public void Admit_IPv6SingleStack_OnlyIPv6()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "ipFamilies: [IPv6]"));

        Assert.Equal(["fd00:10:96::101"], Spec(load, "web").ClusterIPs);
        Assert.Equal(["IPv6"], Spec(load, "web").IpFamilies);
    }

    [Fact]
    public void Admit_ExplicitIPv6ClusterIP_FamilyInferred()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "clusterIP: fd00:10:96::5"));

        Assert.Equal(["IPv6"], Spec(load, "web").IpFamilies);
    }

    [Fact]
    public void Admit_SingleStackCluster_PreferDualStackGetsOneAndRequireDualStackRefused()
    {
        var allocator = new ServiceAllocator(new ServiceAllocatorOptions { ServiceCidrs = ["127.96.0.0/16"] });

        var load = Admit(allocator, Service("prefer", "ipFamilyPolicy: PreferDualStack") + Service("require", "ipFamilyPolicy: RequireDualStack"), expectErrors: true);

        Assert.Equal([FirstDynamicIPv4], Spec(load, "prefer").ClusterIPs);
        var error = Assert.Single(load.Errors);
        Assert.Equal("require", error.Object?.Name);
        Assert.Equal("spec.ipFamilyPolicy", error.Field);
        Assert.Equal("Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services", error.Message);
    }

    [Fact]
    public void Admit_SingleStackWithTwoFamilies_Refused()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "ipFamilyPolicy: SingleStack\n  ipFamilies: [IPv4, IPv6]"), expectErrors: true);

        Assert.Equal("spec.ipFamilyPolicy", Assert.Single(load.Errors).Field);
    }

    [Fact]
    public void Admit_ClusterIPOfWrongFamily_Refused()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "ipFamilies: [IPv6]\n  clusterIP: 127.96.0.10"), expectErrors: true);

        var error = Assert.Single(load.Errors);
        Assert.Equal("spec.clusterIPs[0]", error.Field);
        Assert.Equal("Invalid value: \"127.96.0.10\": expected an IPv6 value as indicated by `ipFamilies[0]`", error.Message);
    }

    [Fact]
    public void Admit_NodePortService_PortsFromUpperBandSharedByProtocol()
    {
        var ports = """
            type: NodePort
              ports:
              - name: dns-udp
                port: 53
                protocol: UDP
              - name: dns-tcp
                port: 53
              - name: http
                port: 80
            """;

        var load = Admit(new ServiceAllocator(), Service("dns", ports, ports: false));

        // 30000-32767: automatic picks start 86 ports up (upstream's band for ports users choose).
        Assert.Equal([30086, 30086, 30087], Spec(load, "dns").Ports.Select(p => p.NodePort));
    }

    [Fact]
    public void Admit_ExplicitNodePort_HonouredAndReserved()
    {
        var yaml = Service("a", "type: NodePort") + Service("b", "type: NodePort", nodePort: 30086);

        var load = Admit(new ServiceAllocator(), yaml);

        Assert.Equal(30086, Spec(load, "b").Ports[0].NodePort);
        Assert.Equal(30087, Spec(load, "a").Ports[0].NodePort);
    }

    [Fact]
    public void Admit_DuplicateNodePort_YoungerRefusedAtField()
    {
        var yaml = Service("first", "type: NodePort", nodePort: 30100, created: "2025-01-01T00:00:00Z")
            + Service("second", "type: LoadBalancer", nodePort: 30100, created: "2025-02-01T00:00:00Z");

        var load = Admit(new ServiceAllocator(), yaml, expectErrors: true);

        var error = Assert.Single(load.Errors);
        Assert.Equal("second", error.Object?.Name);
        Assert.Equal("spec.ports[0].nodePort", error.Field);
        Assert.Equal("Invalid value: 30100: provided port is already allocated to Service apps/first", error.Message);
    }

    [Fact]
    public void Admit_NodePortOutsideRange_Refused()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "type: NodePort", nodePort: 8080), expectErrors: true);

        var error = Assert.Single(load.Errors);
        Assert.Equal("spec.ports[0].nodePort", error.Field);
        Assert.Equal("Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767", error.Message);
    }

    [Fact]
    public void Admit_NodePortRangeFull_Refused()
    {
        var allocator = new ServiceAllocator(new ServiceAllocatorOptions { NodePortMin = 30000, NodePortMax = 30001 });

        var load = Admit(allocator, Service("a", "type: NodePort") + Service("b", "type: NodePort") + Service("c", "type: NodePort"), expectErrors: true);

        Assert.Equal(30000, Spec(load, "a").Ports[0].NodePort);
        Assert.Equal(30001, Spec(load, "b").Ports[0].NodePort);
        var error = Assert.Single(load.Errors);
        Assert.Equal("c", error.Object?.Name);
        Assert.Equal("spec.ports[0].nodePort", error.Field);
        // The refused Service's cluster IP is released again.
        Assert.DoesNotContain(load.Objects, o => o.Key.Name == "c");
    }

    [Fact]
    public void Admit_NodePortReload_Stable()
    {
        var allocator = new ServiceAllocator();
        var before = Admit(allocator, Service("b", "type: NodePort"));

        var after = Admit(allocator, Service("a", "type: NodePort") + Service("b", "type: NodePort"));

        Assert.Equal(Spec(before, "b").Ports[0].NodePort, Spec(after, "b").Ports[0].NodePort);
        Assert.Equal(30087, Spec(after, "a").Ports[0].NodePort);
    }

    [Fact]
    public void Admit_LoadBalancer_PoolAddressInStatusAndNodePorts()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "type: LoadBalancer"));

        var service = Service(load, "web");
        var ingress = Assert.Single(service.Status.LoadBalancer.Ingress);
        Assert.Equal("127.97.0.1", ingress.Ip);
        Assert.Equal("VIP", ingress.IpMode);
        Assert.Equal(30086, service.Spec.Ports[0].NodePort);
        Assert.Equal(FirstDynamicIPv4, service.Spec.ClusterIP);
    }

    [Fact]
    public void Admit_LoadBalancerWithoutNodePorts_NoNodePort()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "type: LoadBalancer\n  allocateLoadBalancerNodePorts: false"));

        Assert.Null(Spec(load, "web").Ports[0].NodePort);
        Assert.Equal("127.97.0.1", Service(load, "web").Status.LoadBalancer.Ingress[0].Ip);
    }

    [Fact]
    public void Admit_LoadBalancerLocalTrafficPolicy_HealthCheckNodePort()
    {
        var load = Admit(new ServiceAllocator(), Service("web", "type: LoadBalancer\n  externalTrafficPolicy: Local"));

        Assert.Equal(30086, Spec(load, "web").Ports[0].NodePort);
        Assert.Equal(30087, Spec(load, "web").HealthCheckNodePort);
    }

    [Fact]
    public void Admit_PoolOfSingleAddresses_HandedOutInOrderThenPending()
    {
        var allocator = new ServiceAllocator(new ServiceAllocatorOptions { LoadBalancerPool = ["198.51.100.7", "198.51.100.3"] });

        var load = Admit(allocator, Service("a", "type: LoadBalancer") + Service("b", "type: LoadBalancer") + Service("c", "type: LoadBalancer"));

        Assert.Equal("198.51.100.7", Service(load, "a").Status.LoadBalancer.Ingress[0].Ip);
        Assert.Equal("198.51.100.3", Service(load, "b").Status.LoadBalancer.Ingress[0].Ip);
        // Pool exhausted: accepted, address pending, as in a cluster without a free load-balancer address.
        Assert.Null(Service(load, "c").Status.LoadBalancer.Ingress);
        var warning = Assert.Single(load.Warnings);
        Assert.Contains("Service apps/c: no IPv4 load-balancer address left in the pool", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_LoadBalancerReload_KeepsAddress()
    {
        var allocator = new ServiceAllocator();
        Admit(allocator, Service("b", "type: LoadBalancer"));

        var load = Admit(allocator, Service("a", "type: LoadBalancer") + Service("b", "type: LoadBalancer"));

        Assert.Equal("127.97.0.1", Service(load, "b").Status.LoadBalancer.Ingress[0].Ip);
        Assert.Equal("127.97.0.2", Service(load, "a").Status.LoadBalancer.Ingress[0].Ip);
    }

    [Fact]
    public void Admit_DualStackLoadBalancerWithDualPool_AddressPerFamily()
    {
        var allocator = new ServiceAllocator(new ServiceAllocatorOptions { LoadBalancerPool = ["198.51.100.0/30", "2001:db8::/126"] });

        var load = Admit(allocator, Service("web", "type: LoadBalancer\n  ipFamilyPolicy: PreferDualStack"));

        Assert.Equal(["198.51.100.1", "2001:db8::1"], Service(load, "web").Status.LoadBalancer.Ingress.Select(i => i.Ip));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new ServiceAllocatorOptions { ServiceCidrs = ["10.0.0.0/8", "10.1.0.0/16"], NodePortMin = 40000, NodePortMax = 30000 };

        var ex = Assert.Throws<ArgumentException>(() => new ServiceAllocator(options));

        Assert.Contains("repeats a family", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not a port range", ex.Message, StringComparison.Ordinal);
    }

    private static string Service(string name, string spec = "", bool selector = true, bool ports = true, int nodePort = 0, string? created = null)
    {
        var lines = new List<string>
        {
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            "  name: " + name,
            "  namespace: apps",
        };
        if (created is not null)
        {
            lines.Add("  creationTimestamp: \"" + created + "\"");
        }

        lines.Add("spec:");
        if (spec.Length > 0)
        {
            lines.Add("  " + spec);
        }

        if (selector)
        {
            lines.Add("  selector: {app: " + name + "}");
        }

        if (ports)
        {
            lines.Add("  ports:");
            lines.Add("  - port: 80");
            if (nodePort != 0)
            {
                lines.Add("    nodePort: " + nodePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return string.Join('\n', lines) + "\n";
    }

    private static LoadResult Admit(ServiceAllocator allocator, string yaml, DateTime? now = null, bool expectErrors = false)
    {
        var load = allocator.Admit(ManifestLoader.LoadString("input.yaml", yaml, now ?? DateTime.UnixEpoch));
        if (!expectErrors)
        {
            Assert.Empty(load.Errors);
        }

        return load;
    }

    private static V1Service Service(LoadResult load, string name) =>
        (V1Service)load.Objects.Single(o => o.Object is V1Service && o.Key.Name == name).Object;

    private static V1ServiceSpec Spec(LoadResult load, string name) => Service(load, name).Spec;
}
