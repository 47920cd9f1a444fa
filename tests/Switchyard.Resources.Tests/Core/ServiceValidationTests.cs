using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class ServiceValidationTests
{
    private const string Ports80 = "\"ports\":[{\"port\":80}]";

    [Theory]
    [InlineData("""{"selector":{"app":"web"},"ports":[{"port":80}]}""")]
    [InlineData("""{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"},{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"}]}""")]
    [InlineData("""{"clusterIP":"None"}""")]
    [InlineData("""{"clusterIP":"None","selector":{"app":"web"},"ports":[{"port":80}]}""")]
    [InlineData("""{"type":"ExternalName","externalName":"db.example.com."}""")]
    [InlineData("""{"type":"NodePort","ports":[{"name":"a","port":80,"nodePort":30080},{"name":"b","port":81,"nodePort":30080,"protocol":"UDP"}],"externalTrafficPolicy":"Local"}""")]
    [InlineData("""{"type":"LoadBalancer","ports":[{"port":443,"appProtocol":"kubernetes.io/h2c"}],"externalTrafficPolicy":"Local","loadBalancerClass":"example.com/lb","loadBalancerSourceRanges":[" 10.0.0.0/8 "]}""")]
    [InlineData("""{"type":"LoadBalancer","ports":[{"port":443}],"externalTrafficPolicy":"Local","healthCheckNodePort":31000}""")]
    [InlineData("""{"clusterIP":"10.96.0.10","ports":[{"port":80}]}""")]
    [InlineData("""{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10","2001:db8::a"],"ipFamilyPolicy":"RequireDualStack","ports":[{"port":80}]}""")]
    [InlineData("""{"ipFamilies":["IPv6","IPv4"],"ipFamilyPolicy":"PreferDualStack","ports":[{"port":80}]}""")]
    [InlineData("""{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":86400}},"ports":[{"port":80}]}""")]
    [InlineData("""{"externalIPs":["192.0.2.10"],"ports":[{"port":80}]}""")]
    [InlineData("""{"internalTrafficPolicy":"Local","trafficDistribution":"PreferClose","ports":[{"port":80}]}""")]
    public void Service_Valid_NoErrors(string spec) => Validate.Valid(Service(spec));

    [Fact]
    public void Service_NoPorts_PortsRequired() =>
        Validate.Error(Service("""{"selector":{"app":"web"}}"""), "spec.ports", "Required value");

    [Fact]
    public void Service_TwoUnnamedPorts_NamesRequired() =>
        Validate.Errors(Service("""{"ports":[{"port":80},{"port":81}]}"""),
            ("spec.ports[0].name", "Required value"), ("spec.ports[1].name", "Required value"));

    [Fact]
    public void Service_BadPortName_InvalidDnsLabel() =>
        Validate.Error(Service("""{"ports":[{"name":"HTTP","port":80}]}"""), "spec.ports[0].name", "Invalid value: \"HTTP\": " + Expected.Dns1123Label);

    [Fact]
    public void Service_DuplicatePortName_Duplicate() =>
        Validate.Error(Service("""{"ports":[{"name":"http","port":80},{"name":"http","port":81}]}"""), "spec.ports[1].name", "Duplicate value: \"http\"");

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Service_PortOutOfRange_Invalid(int port) =>
        Validate.Error(Service("{\"ports\":[{\"port\":" + port + ",\"targetPort\":80}]}"), "spec.ports[0].port", $"Invalid value: {port}: " + Expected.PortRange);

    [Fact]
    public void Service_UnknownProtocol_Unsupported() =>
        Validate.Error(Service("""{"ports":[{"port":80,"protocol":"HTTP"}]}"""), "spec.ports[0].protocol",
            "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");

    [Fact]
    public void Service_TargetPortOutOfRange_Invalid() =>
        Validate.Error(Service("""{"ports":[{"port":80,"targetPort":70000}]}"""), "spec.ports[0].targetPort", "Invalid value: 70000: " + Expected.PortRange);

    [Fact]
    public void Service_BadNamedTargetPort_Invalid() =>
        Validate.Error(Service("""{"ports":[{"port":80,"targetPort":"web--http"}]}"""), "spec.ports[0].targetPort", "Invalid value: \"web--http\": must not contain consecutive hyphens");

    [Fact]
    public void Service_NodePortOutOfRange_Invalid() =>
        Validate.Error(Service("""{"type":"NodePort","ports":[{"port":80,"nodePort":70000}]}"""), "spec.ports[0].nodePort", "Invalid value: 70000: " + Expected.PortRange);

    [Fact]
    public void Service_NodePortOnClusterIP_Forbidden() =>
        Validate.Error(Service("""{"ports":[{"port":80,"nodePort":30080}]}"""), "spec.ports[0].nodePort", "Forbidden: may not be used when `type` is 'ClusterIP'");

    [Fact]
    public void Service_DuplicateNodePort_Duplicate() =>
        Validate.Error(Service("""{"type":"NodePort","ports":[{"name":"a","port":80,"nodePort":30080},{"name":"b","port":81,"nodePort":30080}]}"""),
            "spec.ports[1].nodePort", "Duplicate value: 30080");

    [Fact]
    public void Service_DuplicatePortAndProtocol_Duplicate() =>
        Validate.Error(Service("""{"ports":[{"name":"a","port":80},{"name":"b","port":80,"targetPort":8080}]}"""),
            "spec.ports[1]", "Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}");

    [Fact]
    public void Service_BadAppProtocol_Invalid() =>
        Validate.Error(Service("""{"ports":[{"port":80,"appProtocol":"h 2"}]}"""), "spec.ports[0].appProtocol", "Invalid value: \"h 2\": " + Expected.LabelKeyName);

    [Fact]
    public void Service_BadSelectorValue_Invalid() =>
        Validate.Error(Service("""{"selector":{"app":"web app"},"ports":[{"port":80}]}"""), "spec.selector", "Invalid value: \"web app\": " + Expected.LabelValue);

    [Fact]
    public void Service_BadClusterIP_Invalid() =>
        Validate.Error(Service("""{"clusterIP":"10.96.0.300","ports":[{"port":80}]}"""), "spec.clusterIPs[0]", "Invalid value: \"10.96.0.300\": " + Expected.InvalidIp);

    [Fact]
    public void Service_ClusterIPsNotStartingWithClusterIP_Invalid() =>
        Validate.Error(Service("""{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.11"],"ports":[{"port":80}]}"""),
            "spec.clusterIPs", "Invalid value: [\"10.96.0.11\"]: first value must match `clusterIP`");

    [Fact]
    public void Service_ClusterIPsWithoutClusterIP_Invalid() =>
        Validate.Error(Service("""{"clusterIPs":["10.96.0.10"],"ports":[{"port":80}]}"""),
            "spec.clusterIPs", "Invalid value: [\"10.96.0.10\"]: must be empty when `clusterIP` is not specified");

    [Fact]
    public void Service_NoneNotAlone_Invalid() =>
        Validate.Error(Service("""{"clusterIP":"None","clusterIPs":["None","10.96.0.10"],"ports":[{"port":80}]}"""),
            "spec.clusterIPs", "Invalid value: [\"None\",\"10.96.0.10\"]: 'None' must be the first and only value");

    [Fact]
    public void Service_ThreeClusterIPs_Invalid() =>
        Validate.Error(Service("""{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10","2001:db8::a","10.96.0.11"],"ipFamilyPolicy":"RequireDualStack","ports":[{"port":80}]}"""),
            "spec.clusterIPs", "Invalid value: [\"10.96.0.10\",\"2001:db8::a\",\"10.96.0.11\"]: may only hold up to 2 values");

    [Fact]
    public void Service_TwoClusterIPsOfOneFamily_Invalid() =>
        Validate.Error(Service("""{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10","10.96.0.11"],"ipFamilyPolicy":"RequireDualStack","ports":[{"port":80}]}"""),
            "spec.clusterIPs", "Invalid value: [\"10.96.0.10\",\"10.96.0.11\"]: may specify no more than one IP for each IP family");

    [Fact]
    public void Service_ClusterIPOfOtherFamily_Invalid() =>
        Validate.Error(Service("""{"clusterIP":"10.96.0.10","ipFamilies":["IPv6"],"ports":[{"port":80}]}"""),
            "spec.clusterIPs[0]", "Invalid value: \"10.96.0.10\": expected an IPv6 value as indicated by `ipFamilies[0]`");

    [Fact]
    public void Service_UnknownIpFamily_Unsupported() =>
        Validate.Error(Service("""{"ipFamilies":["IPv5"],"ports":[{"port":80}]}"""),
            "spec.ipFamilies[0]", "Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\"");

    [Fact]
    public void Service_DuplicateIpFamily_Duplicate() =>
        Validate.Error(Service("""{"ipFamilies":["IPv4","IPv4"],"ipFamilyPolicy":"PreferDualStack","ports":[{"port":80}]}"""),
            "spec.ipFamilies[1]", "Duplicate value: \"IPv4\"");

    [Fact]
    public void Service_UnknownIpFamilyPolicy_Unsupported() =>
        Validate.Error(Service("""{"ipFamilyPolicy":"DualStack","ports":[{"port":80}]}"""),
            "spec.ipFamilyPolicy", "Unsupported value: \"DualStack\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"");

    [Fact]
    public void Service_TwoClusterIPsWithoutPolicy_SingleStackInvalid() =>
        Validate.Error(Service("""{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10","2001:db8::a"],"ports":[{"port":80}]}"""),
            "spec.ipFamilyPolicy", "Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified");

    [Fact]
    public void Service_TwoFamiliesWithSingleStack_Invalid() =>
        Validate.Error(Service("""{"ipFamilies":["IPv4","IPv6"],"ipFamilyPolicy":"SingleStack","ports":[{"port":80}]}"""),
            "spec.ipFamilyPolicy", "Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified");

    [Fact]
    public void Service_ExternalNameWithoutName_Required() =>
        Validate.Error(Service("""{"type":"ExternalName"}"""), "spec.externalName", "Required value");

    [Fact]
    public void Service_BadExternalName_Invalid() =>
        Validate.Error(Service("""{"type":"ExternalName","externalName":"DB.example.com"}"""), "spec.externalName", "Invalid value: \"DB.example.com\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void Service_ExternalNameWithClusterIP_Forbidden() =>
        Validate.Error(Service("""{"type":"ExternalName","externalName":"db.example.com","clusterIP":"None"}"""), "spec.clusterIPs", "Forbidden: may not be set for ExternalName services");

    [Fact]
    public void Service_ExternalNameWithIpFamilies_Forbidden() =>
        Validate.Errors(Service("""{"type":"ExternalName","externalName":"db.example.com","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}"""),
            ("spec.ipFamilies", "Forbidden: may not be set for ExternalName services"),
            ("spec.ipFamilyPolicy", "Forbidden: may not be set for ExternalName services"));

    [Theory]
    [InlineData("LoadBalancer")]
    [InlineData("NodePort")]
    public void Service_HeadlessExternallyAccessible_Invalid(string type) =>
        Validate.Error(Service("{\"type\":\"" + type + "\",\"clusterIP\":\"None\",\"selector\":{\"app\":\"web\"}," + Ports80 + "}"),
            "spec.clusterIPs[0]", $"Invalid value: \"None\": may not be set to 'None' for {type} services");

    [Fact]
    public void Service_UnknownSessionAffinity_Unsupported() =>
        Validate.Error(Service("""{"sessionAffinity":"Cookie","ports":[{"port":80}]}"""),
            "spec.sessionAffinity", "Unsupported value: \"Cookie\": supported values: \"ClientIP\", \"None\"");

    [Theory]
    [InlineData(0)]
    [InlineData(86401)]
    public void Service_ClientIPTimeoutOutOfRange_Invalid(int timeout) =>
        Validate.Error(Service("{\"sessionAffinity\":\"ClientIP\",\"sessionAffinityConfig\":{\"clientIP\":{\"timeoutSeconds\":" + timeout + "}}," + Ports80 + "}"),
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", $"Invalid value: {timeout}: must be greater than 0 and less than 86400");

    [Fact]
    public void Service_UnknownType_Unsupported() =>
        Validate.Error(Service("""{"type":"Internal","ports":[{"port":80}]}"""),
            "spec.type", "Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");

    [Fact]
    public void Service_BadExternalIP_Invalid() =>
        Validate.Error(Service("""{"externalIPs":["192.0.2"],"ports":[{"port":80}]}"""), "spec.externalIPs[0]", "Invalid value: \"192.0.2\": " + Expected.InvalidIp);

    [Fact]
    public void Service_LoopbackExternalIP_Invalid() =>
        Validate.Error(Service("""{"externalIPs":["127.0.0.1"],"ports":[{"port":80}]}"""), "spec.externalIPs[0]",
            "Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)");

    [Fact]
    public void Service_SourceRangesOnClusterIP_Forbidden() =>
        Validate.Error(Service("""{"loadBalancerSourceRanges":["10.0.0.0/8"],"ports":[{"port":80}]}"""),
            "spec.LoadBalancerSourceRanges", "Forbidden: may only be used when `type` is 'LoadBalancer'");

    [Fact]
    public void Service_BadSourceRange_Invalid() =>
        Validate.Error(Service("""{"type":"LoadBalancer","loadBalancerSourceRanges":["10.0.0.0"],"ports":[{"port":80}]}"""),
            "spec.LoadBalancerSourceRanges[0]", "Invalid value: \"10.0.0.0\": " + Expected.InvalidCidr);

    [Fact]
    public void Service_SourceRangesAnnotationOnClusterIP_Forbidden()
    {
        var errors = Validate.Json<V1Service>("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"a",
             "annotations":{"service.beta.kubernetes.io/load-balancer-source-ranges":"10.0.0.0/8,bad"}},"spec":{"ports":[{"port":80}]}}
            """);
        Validate.Errors(errors,
            ("metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]", "Forbidden: may only be used when `type` is 'LoadBalancer'"),
            ("metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]", "Invalid value: \"bad\": " + Expected.InvalidCidr));
    }

    [Fact]
    public void Service_AllocateNodePortsOnClusterIP_Forbidden() =>
        Validate.Error(Service("""{"allocateLoadBalancerNodePorts":true,"ports":[{"port":80}]}"""),
            "spec.allocateLoadBalancerNodePorts", "Forbidden: may only be used when `type` is 'LoadBalancer'");

    [Fact]
    public void Service_LoadBalancerWithoutAllocateNodePorts_RequiredWhenNotDefaulted()
    {
        var svc = Manifest.Parse<V1Service>("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"a"},"spec":{"type":"LoadBalancer","externalTrafficPolicy":"Cluster","internalTrafficPolicy":"Cluster","sessionAffinity":"None","ipFamilyPolicy":"SingleStack","ports":[{"port":80,"protocol":"TCP","targetPort":80}]}}""");
        var ctx = new ValidationContext();
        CoreValidation.Service(svc, ctx);
        Validate.Error(ctx.Errors, "allocateLoadBalancerNodePorts", "Required value");
    }

    [Fact]
    public void Service_LoadBalancerClassOnClusterIP_Forbidden() =>
        Validate.Error(Service("""{"loadBalancerClass":"example.com/lb","ports":[{"port":80}]}"""),
            "spec.loadBalancerClass", "Forbidden: may only be used when `type` is 'LoadBalancer'");

    [Fact]
    public void Service_BadLoadBalancerClass_Invalid() =>
        Validate.Error(Service("""{"type":"LoadBalancer","loadBalancerClass":"example.com/-lb","ports":[{"port":80}]}"""),
            "spec.loadBalancerClass", "Invalid value: \"example.com/-lb\": " + Expected.LabelKeyName);

    [Fact]
    public void Service_ExternalTrafficPolicyOnInternalService_Invalid() =>
        Validate.Error(Service("""{"externalTrafficPolicy":"Local","ports":[{"port":80}]}"""),
            "spec.externalTrafficPolicy", "Invalid value: \"Local\": may only be set for externally-accessible services");

    [Fact]
    public void Service_UnknownExternalTrafficPolicy_Unsupported() =>
        Validate.Error(Service("""{"type":"NodePort","externalTrafficPolicy":"Global","ports":[{"port":80}]}"""),
            "spec.externalTrafficPolicy", "Unsupported value: \"Global\": supported values: \"Cluster\", \"Local\"");

    [Fact]
    public void Service_HealthCheckNodePortWithoutLocalLoadBalancer_Invalid() =>
        Validate.Error(Service("""{"type":"NodePort","healthCheckNodePort":31000,"ports":[{"port":80}]}"""),
            "spec.healthCheckNodePort", "Invalid value: 31000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");

    [Fact]
    public void Service_HealthCheckNodePortOutOfRange_Invalid() =>
        Validate.Error(Service("""{"type":"LoadBalancer","externalTrafficPolicy":"Local","healthCheckNodePort":70000,"ports":[{"port":80}]}"""),
            "spec.healthCheckNodePort", "Invalid value: 70000: " + Expected.PortRange);

    [Fact]
    public void Service_UnknownInternalTrafficPolicy_Unsupported() =>
        Validate.Error(Service("""{"internalTrafficPolicy":"Node","ports":[{"port":80}]}"""),
            "spec.internalTrafficPolicy", "Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\"");

    [Fact]
    public void Service_UnknownTrafficDistribution_Unsupported() =>
        Validate.Error(Service("""{"trafficDistribution":"Nearest","ports":[{"port":80}]}"""),
            "spec.trafficDistribution", "Unsupported value: \"Nearest\": supported values: \"PreferClose\", \"PreferSameZone\", \"PreferSameNode\"");

    [Fact]
    public void Service_TopologyAnnotationsDisagree_Invalid()
    {
        var errors = Validate.Json<V1Service>("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"a",
             "annotations":{"service.kubernetes.io/topology-mode":"Auto","service.kubernetes.io/topology-aware-hints":"Disabled"}},"spec":{"ports":[{"port":80}]}}
            """);
        Validate.Error(errors, "metadata.annotations[service.kubernetes.io/topology-mode]",
            "Invalid value: \"Auto\": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified");
    }

    private static IReadOnlyList<FieldError> Service(string spec) =>
        Validate.Json<V1Service>("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"a\"},\"spec\":" + spec + "}");
}
