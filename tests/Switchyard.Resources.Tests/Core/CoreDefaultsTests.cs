using k8s.Models;
using Switchyard.Resources.Admission;
using Switchyard.Resources.Model;

namespace Switchyard.Resources.Tests.Core;

public sealed class CoreDefaultsTests
{
    [Fact]
    public void Service_PortWithoutProtocol_DefaultsToTcp()
    {
        var svc = Service("""{"ports":[{"port":80}]}""");
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
    }

    [Fact]
    public void Service_PortWithProtocol_KeepsIt()
    {
        var svc = Service("""{"ports":[{"port":53,"protocol":"UDP"}]}""");
        Assert.Equal("UDP", svc.Spec.Ports[0].Protocol);
    }

    [Theory]
    [InlineData("""{"port":80}""")]
    [InlineData("""{"port":80,"targetPort":0}""")]
    [InlineData("""{"port":80,"targetPort":""}""")]
    public void Service_TargetPortAbsentOrZero_DefaultsToPort(string port)
    {
        var svc = Service("{\"ports\":[" + port + "]}");
        Assert.Equal("80", svc.Spec.Ports[0].TargetPort.Value);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("\"http\"")]
    public void Service_TargetPortSet_KeepsIt(string targetPort)
    {
        var svc = Service("{\"ports\":[{\"port\":80,\"targetPort\":" + targetPort + "}]}");
        Assert.Equal(targetPort.Trim('"'), svc.Spec.Ports[0].TargetPort.Value);
    }

    [Fact]
    public void Service_NoSessionAffinity_DefaultsToNone()
    {
        var svc = Service("{}");
        Assert.Equal("None", svc.Spec.SessionAffinity);
        Assert.Null(svc.Spec.SessionAffinityConfig);
    }

    [Fact]
    public void Service_SessionAffinityNoneWithConfig_DropsConfig()
    {
        var svc = Service(
        """{"sessionAffinity":"None","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":5}}}""");
        Assert.Null(svc.Spec.SessionAffinityConfig);
    }

    [Theory]
    [InlineData("""{"sessionAffinity":"ClientIP"}""")]
    [InlineData("""{"sessionAffinity":"ClientIP","sessionAffinityConfig":{}}""")]
    [InlineData("""{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{}}}""")]
    public void Service_ClientIPWithoutTimeout_DefaultsTimeoutTo10800(string spec)
    {
        var svc = Service(spec);
        Assert.Equal(10800, svc.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
    }

    [Fact]
    public void Service_ClientIPWithTimeout_KeepsIt()
    {
        var svc = Service("""{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":60}}}""");
        Assert.Equal(60, svc.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
    }

    [Fact]
    public void Service_NoType_DefaultsToClusterIP()
    {
        Assert.Equal("ClusterIP", Service("{}").Spec.Type);
    }

    [Fact]
    public void Service_Type_KeepsIt()
    {
        Assert.Equal("NodePort", Service("""{"type":"NodePort"}""").Spec.Type);
    }

    [Fact]
    public void Service_NoIpFamilyPolicy_DefaultsToSingleStack()
    {
        Assert.Equal("SingleStack", Service("""{"selector":{"app":"a"}}""").Spec.IpFamilyPolicy);
    }

    [Theory]
    [InlineData("PreferDualStack")]
    [InlineData("RequireDualStack")]
    public void Service_IpFamilyPolicy_KeepsIt(string policy)
    {
        Assert.Equal(policy, Service("{\"ipFamilyPolicy\":\"" + policy + "\"}").Spec.IpFamilyPolicy);
    }

    [Fact]
    public void Service_HeadlessWithoutSelector_DefaultsToRequireDualStack()
    {
        Assert.Equal("RequireDualStack", Service("""{"clusterIP":"None"}""").Spec.IpFamilyPolicy);
    }

    [Fact]
    public void Service_HeadlessWithSelector_DefaultsToSingleStack()
    {
        var svc = Service("""{"clusterIP":"None","selector":{"app":"a"}}""");
        Assert.Equal("SingleStack", svc.Spec.IpFamilyPolicy);
        Assert.Equal(["None"], svc.Spec.ClusterIPs);
        Assert.Null(svc.Spec.IpFamilies);
    }

    [Fact]
    public void Service_ExternalName_GetsNoIpFamilyPolicy()
    {
        var svc = Service("""{"type":"ExternalName","externalName":"example.com"}""");
        Assert.Null(svc.Spec.IpFamilyPolicy);
        Assert.Null(svc.Spec.IpFamilies);
    }

    [Fact]
    public void Service_ClusterIPOnly_CopiedIntoClusterIPs()
    {
        var svc = Service("""{"clusterIP":"10.96.0.10"}""");
        Assert.Equal(["10.96.0.10"], svc.Spec.ClusterIPs);
        Assert.Equal(["IPv4"], svc.Spec.IpFamilies);
    }

    [Fact]
    public void Service_ClusterIPsWithoutFamilies_FamiliesInferred()
    {
        var svc = Service("""{"clusterIP":"2001:db8::a","clusterIPs":["2001:db8::a","10.96.0.10"],"ipFamilyPolicy":"RequireDualStack"}""");
        Assert.Equal(["IPv6", "IPv4"], svc.Spec.IpFamilies);
    }

    [Fact]
    public void Service_ClusterIPsWithFamilies_KeepsFamilies()
    {
        var svc = Service("""{"clusterIP":"10.96.0.10","ipFamilies":["IPv6"]}""");
        Assert.Equal(["IPv6"], svc.Spec.IpFamilies);
    }

    [Theory]
    [InlineData("ClusterIP")]
    [InlineData("NodePort")]
    [InlineData("LoadBalancer")]
    public void Service_InternalTrafficPolicyAbsent_DefaultsToCluster(string type)
    {
        Assert.Equal("Cluster", Service("{\"type\":\"" + type + "\"}").Spec.InternalTrafficPolicy);
    }

    [Fact]
    public void Service_ExternalName_GetsNoInternalTrafficPolicy()
    {
        Assert.Null(Service("""{"type":"ExternalName","externalName":"example.com"}""").Spec.InternalTrafficPolicy);
    }

    [Fact]
    public void Service_InternalTrafficPolicyLocal_KeepsIt()
    {
        Assert.Equal("Local", Service("""{"internalTrafficPolicy":"Local"}""").Spec.InternalTrafficPolicy);
    }

    [Theory]
    [InlineData("""{"type":"NodePort"}""")]
    [InlineData("""{"type":"LoadBalancer"}""")]
    [InlineData("""{"type":"ClusterIP","externalIPs":["192.0.2.1"]}""")]
    public void Service_ExternallyAccessible_ExternalTrafficPolicyDefaultsToCluster(string spec)
    {
        Assert.Equal("Cluster", Service(spec).Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void Service_ClusterIPWithoutExternalIPs_GetsNoExternalTrafficPolicy()
    {
        Assert.Null(Service("{}").Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void Service_ExternalTrafficPolicyLocal_KeepsIt()
    {
        Assert.Equal("Local", Service("""{"type":"NodePort","externalTrafficPolicy":"Local"}""").Spec.ExternalTrafficPolicy);
    }

    [Fact]
    public void Service_LoadBalancer_AllocateLoadBalancerNodePortsDefaultsToTrue()
    {
        Assert.True(Service("""{"type":"LoadBalancer"}""").Spec.AllocateLoadBalancerNodePorts);
    }

    [Fact]
    public void Service_LoadBalancerAllocateFalse_KeepsIt()
    {
        Assert.False(Service("""{"type":"LoadBalancer","allocateLoadBalancerNodePorts":false}""").Spec.AllocateLoadBalancerNodePorts);
    }

    [Fact]
    public void Service_ClusterIP_GetsNoAllocateLoadBalancerNodePorts()
    {
        Assert.Null(Service("{}").Spec.AllocateLoadBalancerNodePorts);
    }

    [Fact]
    public void Service_LoadBalancerStatusIp_IpModeDefaultsToVip()
    {
        var svc = Manifest.Parse<V1Service>("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"LoadBalancer"},
            "status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.1"},{"hostname":"lb.example.com"}]}}}
            """);
        CoreDefaults.Service(svc);
        Assert.Equal("VIP", svc.Status.LoadBalancer.Ingress[0].IpMode);
        Assert.Null(svc.Status.LoadBalancer.Ingress[1].IpMode);
    }

    [Fact]
    public void Pod_ContainerPortWithoutProtocol_DefaultsToTcp()
    {
        var pod = Pod("""
            {"containers":[{"name":"a","image":"i","ports":[{"containerPort":80},{"containerPort":53,"protocol":"UDP"}]}],
            "initContainers":[{"name":"b","image":"i","ports":[{"containerPort":81}]}]}
            """);
        Assert.Equal("TCP", pod.Spec.Containers[0].Ports[0].Protocol);
        Assert.Equal("UDP", pod.Spec.Containers[0].Ports[1].Protocol);
        Assert.Equal("TCP", pod.Spec.InitContainers[0].Ports[0].Protocol);
    }

    [Fact]
    public void Pod_HostNetwork_HostPortDefaultsToContainerPort()
    {
        var pod = Pod("""{"hostNetwork":true,"containers":[{"name":"a","image":"i","ports":[{"containerPort":80}]}]}""");
        Assert.Equal(80, pod.Spec.Containers[0].Ports[0].HostPort);
    }

    [Fact]
    public void Pod_NoHostNetwork_HostPortStaysUnset()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"i","ports":[{"containerPort":80}]}]}""");
        Assert.Null(pod.Spec.Containers[0].Ports[0].HostPort);
    }

    [Fact]
    public void Pod_ProbeWithoutTimings_Defaulted()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"i","readinessProbe":{"tcpSocket":{"port":80}}, "livenessProbe":{"tcpSocket":{"port":80},"timeoutSeconds":0},"startupProbe":{"tcpSocket":{"port":80}}}]} """);
        foreach (var probe in new[] { pod.Spec.Containers[0].ReadinessProbe, pod.Spec.Containers[0].LivenessProbe, pod.Spec.Containers[0].StartupProbe })
        {
            Assert.Equal(1, probe.TimeoutSeconds);
            Assert.Equal(10, probe.PeriodSeconds);
            Assert.Equal(1, probe.SuccessThreshold);
            Assert.Equal(3, probe.FailureThreshold);
        }
    }

    [Fact]
    public void Pod_ProbeWithTimings_KeepsThem()
    {
        var pod = Pod("""
            {"containers":[{"name":"a","image":"i","readinessProbe":{"tcpSocket":{"port":80},
            "timeoutSeconds":2,"periodSeconds":5,"successThreshold":2,"failureThreshold":7}}]}
            """);
        var probe = pod.Spec.Containers[0].ReadinessProbe;
        Assert.Equal((2, 5, 2, 7), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
    }

    [Fact]
    public void Pod_HttpGetWithoutPathOrScheme_DefaultsToSlashAndHttp()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"i","readinessProbe":{"httpGet":{"port":80}}}]}""");
        Assert.Equal("/", pod.Spec.Containers[0].ReadinessProbe.HttpGet.Path);
        Assert.Equal("HTTP", pod.Spec.Containers[0].ReadinessProbe.HttpGet.Scheme);
    }

    [Fact]
    public void Pod_HttpGetWithPathAndScheme_KeepsThem()
    {
        var pod = Pod("""{"containers":[{"name":"a","image":"i","readinessProbe":{"httpGet":{"port":80,"path":"/healthz","scheme":"HTTPS"}}}]}""");
        Assert.Equal("/healthz", pod.Spec.Containers[0].ReadinessProbe.HttpGet.Path);
        Assert.Equal("HTTPS", pod.Spec.Containers[0].ReadinessProbe.HttpGet.Scheme);
    }

    [Fact]
    public void Pod_PodIPOnly_CopiedIntoPodIPs()
    {
        var pod = PodWithStatus("""{"podIP":"10.0.0.5"}""");
        Assert.Equal(["10.0.0.5"], pod.Status.PodIPs.Select(p => p.Ip));
    }

    [Fact]
    public void Pod_PodIPsOnly_PodIPSetFromFirst()
    {
        var pod = PodWithStatus("""{"podIPs":[{"ip":"10.0.0.5"},{"ip":"2001:db8::5"}]}""");
        Assert.Equal("10.0.0.5", pod.Status.PodIP);
        Assert.Equal(2, pod.Status.PodIPs.Count);
    }

    [Fact]
    public void Pod_PodIPDisagreesWithPodIPs_PodIPWins()
    {
        var pod = PodWithStatus("""{"podIP":"10.0.0.6","podIPs":[{"ip":"10.0.0.5"},{"ip":"2001:db8::5"}]}""");
        Assert.Equal(["10.0.0.6"], pod.Status.PodIPs.Select(p => p.Ip));
    }

    [Fact]
    public void Pod_PodIPAgreesWithPodIPs_KeepsBoth()
    {
        var pod = PodWithStatus("""{"podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"},{"ip":"2001:db8::5"}]}""");
        Assert.Equal(["10.0.0.5", "2001:db8::5"], pod.Status.PodIPs.Select(p => p.Ip));
    }

    [Fact]
    public void Namespace_Named_GetsMetadataNameLabel()
    {
        var ns = Manifest.Parse<V1Namespace>("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a","labels":{"kubernetes.io/metadata.name":"other","x":"y"}}}""");
        CoreDefaults.Namespace(ns);
        Assert.Equal("team-a", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("y", ns.Metadata.Labels["x"]);
    }

    [Fact]
    public void Namespace_Nameless_GetsNoLabel()
    {
        var ns = Manifest.Parse<V1Namespace>("""{"apiVersion":"v1","kind":"Namespace","metadata":{"generateName":"team-"}}""");
        CoreDefaults.Namespace(ns);
        Assert.Null(ns.Metadata.Labels);
    }

    [Fact]
    public void Namespace_WithNamespace_NamespaceCleared()
    {
        var ns = Manifest.Parse<V1Namespace>("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","namespace":"default"}}""");
        CoreDefaults.Namespace(ns);
        Assert.Null(ns.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Secret_NoType_DefaultsToOpaque()
    {
        var secret = Manifest.Parse<V1Secret>("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");
        CoreDefaults.Secret(secret);
        Assert.Equal("Opaque", secret.Type);
    }

    [Fact]
    public void Secret_Type_KeepsIt()
    {
        var secret = Manifest.Parse<V1Secret>("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"type":"kubernetes.io/tls"}""");
        CoreDefaults.Secret(secret);
        Assert.Equal("kubernetes.io/tls", secret.Type);
    }

    [Fact]
    public void Secret_StringData_MergedIntoDataAndWins()
    {
        var secret = Manifest.Parse<V1Secret>("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
            "data":{"a":"b2xk","keep":"a2VlcA=="},"stringData":{"a":"new","b":"two"}}
            """);
        CoreDefaults.Secret(secret);
        Assert.Null(secret.StringData);
        Assert.Equal("new"u8.ToArray(), secret.Data["a"]);
        Assert.Equal("two"u8.ToArray(), secret.Data["b"]);
        Assert.Equal("keep"u8.ToArray(), secret.Data["keep"]);
    }

    [Fact]
    public void EndpointSlice_PortWithoutNameOrProtocol_DefaultsToEmptyAndTcp()
    {
        var slice = Manifest.Parse<V1EndpointSlice>("""
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"s"},"addressType":"IPv4",
             "endpoints":[{"addresses":["10.0.0.1"]}],"ports":[{"port":80},{"name":"dns","port":53,"protocol":"UDP"}]}
            """);
        CoreDefaults.EndpointSlice(slice);
        Assert.Equal(("", "TCP"), (slice.Ports[0].Name, slice.Ports[0].Protocol));
        Assert.Equal(("dns", "UDP"), (slice.Ports[1].Name, slice.Ports[1].Protocol));
    }

    [Fact]
    public void EndpointSlice_EndpointConditionsAbsent_StayAbsent()
    {
        var slice = Manifest.Parse<V1EndpointSlice>("""
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"s"},"addressType":"IPv4",
             "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"],"conditions":{}}]}
            """);
        CoreDefaults.EndpointSlice(slice);
        Assert.Null(slice.Endpoints[0].Conditions);
        Assert.Null(slice.Endpoints[1].Conditions.Ready);
    }

    [Fact]
    public void Ingress_PathWithoutPathType_NotDefaulted()
    {
        var ingress = Manifest.Parse<V1Ingress>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i"},
             "spec":{"rules":[{"http":{"paths":[{"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
            """);
        CoreDefaults.Ingress(ingress);
        Assert.Null(ingress.Spec.Rules[0].Http.Paths[0].PathType);
    }

    [Fact]
    public void IngressClass_ParametersWithoutScope_DefaultsToCluster()
    {
        var ingressClass = Manifest.Parse<V1IngressClass>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"c"},
             "spec":{"controller":"example.com/ingress","parameters":{"kind":"Config","name":"p"}}}
            """);
        KindRegistry.For<V1IngressClass>().Default!(ingressClass);
        Assert.Equal("Cluster", ingressClass.Spec.Parameters.Scope);
    }

    [Fact]
    public void IngressClass_ParametersWithScope_KeepsIt()
    {
        var ingressClass = Manifest.Parse<V1IngressClass>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"c"},
             "spec":{"controller":"example.com/ingress","parameters":{"kind":"Config","name":"p","scope":"Namespace","namespace":"n"}}}
            """);
        CoreDefaults.IngressClass(ingressClass);
        Assert.Equal("Namespace", ingressClass.Spec.Parameters.Scope);
    }

    [Fact]
    public void NetworkPolicy_NoPolicyTypesNoEgress_DefaultsToIngress()
    {
        Assert.Equal(["Ingress"], NetworkPolicy("""{"podSelector":{}}""").Spec.PolicyTypes);
    }

    [Fact]
    public void NetworkPolicy_NoPolicyTypesWithEgress_DefaultsToIngressAndEgress()
    {
        Assert.Equal(["Ingress", "Egress"], NetworkPolicy("""{"podSelector":{},"egress":[{}]}""").Spec.PolicyTypes);
    }

    [Fact]
    public void NetworkPolicy_PolicyTypes_KeepsThem()
    {
        Assert.Equal(["Egress"], NetworkPolicy("""{"podSelector":{},"policyTypes":["Egress"]}""").Spec.PolicyTypes);
    }

    [Fact]
    public void NetworkPolicy_PortWithoutProtocol_DefaultsToTcp()
    {
        var policy = NetworkPolicy("""{"podSelector":{},"ingress":[{"ports":[{"port":80},{"port":53,"protocol":"UDP"}]}],"egress":[{"ports":[{"port":443}]}]}""");
        Assert.Equal("TCP", policy.Spec.Ingress[0].Ports[0].Protocol);
        Assert.Equal("UDP", policy.Spec.Ingress[0].Ports[1].Protocol);
        Assert.Equal("TCP", policy.Spec.Egress[0].Ports[0].Protocol);
    }

    [Fact]
    public void EndpointConditions_Absent_ReadyServingNotTerminating()
    {
        Assert.True(EndpointConditions.IsReady(null));
        Assert.True(EndpointConditions.IsServing(null));
        Assert.False(EndpointConditions.IsTerminating(null));
        Assert.True(EndpointConditions.IsReady(new V1EndpointConditions()));
    }

    [Fact]
    public void EndpointConditions_ServingAbsent_FollowsReady()
    {
        Assert.False(EndpointConditions.IsServing(new V1EndpointConditions { Ready = false }));
        Assert.True(EndpointConditions.IsServing(new V1EndpointConditions { Ready = false, Serving = true }));
    }

    [Fact]
    public void EndpointConditions_Set_ReadAsIs()
    {
        var conditions = new V1EndpointConditions { Ready = false, Serving = false, Terminating = true };
        Assert.False(EndpointConditions.IsReady(conditions));
        Assert.False(EndpointConditions.IsServing(conditions));
        Assert.True(EndpointConditions.IsTerminating(conditions));
    }

    private static V1Service Service(string spec)
    {
        var svc = Manifest.Parse<V1Service>("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":" + spec + "}");
        CoreDefaults.Service(svc);
        return svc;
    }

    private static V1Pod Pod(string spec)
    {
        var pod = Manifest.Parse<V1Pod>("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":" + spec + "}");
        CoreDefaults.Pod(pod);
        return pod;
    }

    private static V1Pod PodWithStatus(string status)
    {
        var pod = Manifest.Parse<V1Pod>("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]},\"status\":" + status + "}");
        CoreDefaults.Pod(pod);
        return pod;
    }

    private static V1NetworkPolicy NetworkPolicy(string spec)
    {
        var policy = Manifest.Parse<V1NetworkPolicy>("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\"},\"spec\":" + spec + "}");
        CoreDefaults.NetworkPolicy(policy);
        return policy;
    }
}
