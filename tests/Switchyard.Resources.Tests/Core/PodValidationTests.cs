using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class PodValidationTests
{
    [Theory]
    [InlineData("""{"containers":[{"name":"web","image":"nginx"}]}""")]
    [InlineData("""{"containers":[{"name":"web","image":"nginx","ports":[{"name":"http","containerPort":8080},{"name":"metrics","containerPort":9090,"hostPort":9090}]},{"name":"side","image":"x","ports":[{"name":"http","containerPort":8081}]}]}""")]
    [InlineData("""{"containers":[{"name":"web","image":"nginx","readinessProbe":{"httpGet":{"port":"http","httpHeaders":[{"name":"X-Probe","value":"1"}]}},"livenessProbe":{"tcpSocket":{"port":8080}},"startupProbe":{"exec":{"command":["true"]}}}]}""")]
    [InlineData("""{"containers":[{"name":"web","image":"nginx","readinessProbe":{"grpc":{"port":9000}}}]}""")]
    [InlineData("""{"initContainers":[{"name":"proxy","image":"envoy","restartPolicy":"Always","readinessProbe":{"tcpSocket":{"port":15000}}}],"containers":[{"name":"web","image":"nginx"}]}""")]
    [InlineData("""{"hostname":"web-0","subdomain":"web","containers":[{"name":"web","image":"nginx"}]}""")]
    public void Pod_Valid_NoErrors(string spec) => Validate.Valid(Pod(spec));

    [Fact]
    public void Pod_DualStackStatus_NoErrors() =>
        Validate.Valid(PodWithStatus("""{"podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"},{"ip":"2001:db8::5"}]}"""));

    [Fact]
    public void Pod_NoContainers_Required() =>
        Validate.Error(Pod("""{"containers":[]}"""), "spec.containers", "Required value");

    [Fact]
    public void Pod_ContainerWithoutName_Required() =>
        Validate.Error(Pod("""{"containers":[{"image":"nginx"}]}"""), "spec.containers[0].name", "Required value");

    [Fact]
    public void Pod_BadContainerName_InvalidDnsLabel() =>
        Validate.Error(Pod("""{"containers":[{"name":"Web","image":"nginx"}]}"""), "spec.containers[0].name", "Invalid value: \"Web\": " + Expected.Dns1123Label);

    [Fact]
    public void Pod_DuplicateContainerName_Duplicate() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"a"},{"name":"web","image":"b"}]}"""), "spec.containers[1].name", "Duplicate value: \"web\"");

    [Fact]
    public void Pod_InitContainerNamedLikeContainer_Duplicate() =>
        Validate.Error(Pod("""{"initContainers":[{"name":"web","image":"a"}],"containers":[{"name":"web","image":"b"}]}"""), "spec.initContainers[0].name", "Duplicate value: \"web\"");

    [Fact]
    public void Pod_ContainerWithoutImage_Required() =>
        Validate.Error(Pod("""{"containers":[{"name":"web"}]}"""), "spec.containers[0].image", "Required value");

    [Fact]
    public void Pod_ImageWithWhitespace_Invalid() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":" nginx"}]}"""), "spec.containers[0].image", "Invalid value: \" nginx\": must not have leading or trailing whitespace");

    [Fact]
    public void Pod_PortWithoutContainerPort_Required() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"name":"http"}]}]}"""), "spec.containers[0].ports[0].containerPort", "Required value");

    [Fact]
    public void Pod_ContainerPortOutOfRange_Invalid() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":70000}]}]}"""), "spec.containers[0].ports[0].containerPort", "Invalid value: 70000: " + Expected.PortRange);

    [Fact]
    public void Pod_HostPortOutOfRange_Invalid() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80,"hostPort":-1}]}]}"""), "spec.containers[0].ports[0].hostPort", "Invalid value: -1: " + Expected.PortRange);

    [Fact]
    public void Pod_UnknownPortProtocol_Unsupported() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80,"protocol":"tcp"}]}]}"""),
            "spec.containers[0].ports[0].protocol", "Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"");

    [Fact]
    public void Pod_BadPortName_InvalidIanaSvcName() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"name":"Http","containerPort":80}]}]}"""),
            "spec.containers[0].ports[0].name", "Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");

    [Fact]
    public void Pod_LongPortName_InvalidIanaSvcName() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"name":"http-metrics-port","containerPort":80}]}]}"""),
            "spec.containers[0].ports[0].name", "Invalid value: \"http-metrics-port\": must be no more than 15 characters");

    [Fact]
    public void Pod_DuplicatePortName_Duplicate() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","ports":[{"name":"http","containerPort":80},{"name":"http","containerPort":81}]}]}"""),
            "spec.containers[0].ports[1].name", "Duplicate value: \"http\"");

    [Fact]
    public void Pod_HostPortConflict_Duplicate() =>
        Validate.Error(Pod("""{"containers":[{"name":"a","image":"x","ports":[{"containerPort":80,"hostPort":8080}]},{"name":"b","image":"x","ports":[{"containerPort":81,"hostPort":8080}]}]}"""),
            "spec.containers[1].ports[0].hostPort", "Duplicate value: \"TCP//8080\"");

    [Fact]
    public void Pod_ProbeWithoutHandler_Required() =>
        Validate.Error(Probe("readinessProbe", """{"periodSeconds":5}"""), "spec.containers[0].readinessProbe", "Required value: must specify a handler type");

    [Fact]
    public void Pod_ProbeWithTwoHandlers_Forbidden() =>
        Validate.Error(Probe("readinessProbe", """{"httpGet":{"port":80},"tcpSocket":{"port":80}}"""), "spec.containers[0].readinessProbe.tcpSocket", "Forbidden: may not specify more than 1 handler type");

    [Fact]
    public void Pod_ExecWithoutCommand_Required() =>
        Validate.Error(Probe("readinessProbe", """{"exec":{}}"""), "spec.containers[0].readinessProbe.exec.command", "Required value");

    [Fact]
    public void Pod_HttpGetWithoutPort_Invalid() =>
        Validate.Error(Probe("readinessProbe", """{"httpGet":{"path":"/"}}"""), "spec.containers[0].readinessProbe.httpGet.port", "Invalid value: 0: " + Expected.PortRange);

    [Fact]
    public void Pod_HttpGetBadNamedPort_Invalid() =>
        Validate.Error(Probe("readinessProbe", """{"httpGet":{"port":"-http"}}"""), "spec.containers[0].readinessProbe.httpGet.port", "Invalid value: \"-http\": must not begin or end with a hyphen");

    [Fact]
    public void Pod_HttpGetUnknownScheme_Unsupported() =>
        Validate.Error(Probe("readinessProbe", """{"httpGet":{"port":80,"scheme":"ftp"}}"""), "spec.containers[0].readinessProbe.httpGet.scheme",
            "Unsupported value: \"ftp\": supported values: \"HTTP\", \"HTTPS\"");

    [Fact]
    public void Pod_HttpGetBadHeaderName_Invalid() =>
        Validate.Error(Probe("readinessProbe", """{"httpGet":{"port":80,"httpHeaders":[{"name":"X Probe","value":"1"}]}}"""), "spec.containers[0].readinessProbe.httpGet.httpHeaders",
            "Invalid value: \"X Probe\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')");

    [Fact]
    public void Pod_TcpSocketPortOutOfRange_Invalid() =>
        Validate.Error(Probe("livenessProbe", """{"tcpSocket":{"port":65536}}"""), "spec.containers[0].livenessProbe.tcpSocket.port", "Invalid value: 65536: " + Expected.PortRange);

    [Fact]
    public void Pod_GrpcPortZero_Invalid() =>
        Validate.Error(Probe("readinessProbe", """{"grpc":{"port":0}}"""), "spec.containers[0].readinessProbe.grpc.port", "Invalid value: 0: " + Expected.PortRange);

    [Theory]
    [InlineData("initialDelaySeconds")]
    [InlineData("timeoutSeconds")]
    [InlineData("periodSeconds")]
    [InlineData("failureThreshold")]
    public void Pod_NegativeProbeField_Invalid(string field) =>
        Validate.Error(Probe("readinessProbe", "{\"tcpSocket\":{\"port\":80},\"" + field + "\":-1}"), "spec.containers[0].readinessProbe." + field,
            "Invalid value: -1: must be greater than or equal to 0");

    [Theory]
    [InlineData("livenessProbe")]
    [InlineData("startupProbe")]
    public void Pod_SuccessThresholdNotOne_Invalid(string probe) =>
        Validate.Error(Probe(probe, """{"tcpSocket":{"port":80},"successThreshold":2}"""), $"spec.containers[0].{probe}.successThreshold", "Invalid value: 2: must be 1");

    [Fact]
    public void Pod_ReadinessSuccessThresholdTwo_Accepted() =>
        Validate.Valid(Probe("readinessProbe", """{"tcpSocket":{"port":80},"successThreshold":2}"""));

    [Fact]
    public void Pod_ReadinessTerminationGracePeriod_Invalid() =>
        Validate.Error(Probe("readinessProbe", """{"tcpSocket":{"port":80},"terminationGracePeriodSeconds":10}"""), "spec.containers[0].readinessProbe.terminationGracePeriodSeconds",
            "Invalid value: 10: must not be set for readinessProbes");

    [Fact]
    public void Pod_LivenessTerminationGracePeriodZero_Invalid() =>
        Validate.Error(Probe("livenessProbe", """{"tcpSocket":{"port":80},"terminationGracePeriodSeconds":0}"""), "spec.containers[0].livenessProbe.terminationGracePeriodSeconds",
            "Invalid value: 0: must be greater than 0");

    [Fact]
    public void Pod_RestartPolicyOnContainer_Forbidden() =>
        Validate.Error(Pod("""{"containers":[{"name":"web","image":"nginx","restartPolicy":"Always"}]}"""), "spec.containers[0].restartPolicy", "Forbidden: may not be set for non-init containers");

    [Fact]
    public void Pod_InitContainerRestartPolicyOnFailure_Unsupported() =>
        Validate.Error(Pod("""{"initContainers":[{"name":"init","image":"x","restartPolicy":"OnFailure"}],"containers":[{"name":"web","image":"nginx"}]}"""),
            "spec.initContainers[0].restartPolicy", "Unsupported value: \"OnFailure\": supported values: \"Always\"");

    [Fact]
    public void Pod_ProbeOnPlainInitContainer_Forbidden() =>
        Validate.Error(Pod("""{"initContainers":[{"name":"init","image":"x","readinessProbe":{"tcpSocket":{"port":80}}}],"containers":[{"name":"web","image":"nginx"}]}"""),
            "spec.initContainers[0].readinessProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");

    [Fact]
    public void Pod_BadHostname_InvalidDnsLabel() =>
        Validate.Error(Pod("""{"hostname":"Web","containers":[{"name":"web","image":"nginx"}]}"""), "spec.hostname", "Invalid value: \"Web\": " + Expected.Dns1123Label);

    [Fact]
    public void Pod_SubdomainWithDot_InvalidDnsLabel() =>
        Validate.Error(Pod("""{"subdomain":"web.a","containers":[{"name":"web","image":"nginx"}]}"""), "spec.subdomain", "Invalid value: \"web.a\": must not contain dots");

    [Fact]
    public void Pod_BadPodIP_Invalid() =>
        Validate.Error(PodWithStatus("""{"podIP":"10.0.0.300"}"""), "status.podIPs[0]", "Invalid value: \"10.0.0.300\": " + Expected.InvalidIp);

    [Fact]
    public void Pod_TwoPodIPsOfOneFamily_Invalid() =>
        Validate.Error(PodWithStatus("""{"podIPs":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}]}"""), "status.podIPs",
            "Invalid value: [{\"IP\":\"10.0.0.1\"},{\"IP\":\"10.0.0.2\"}]: may specify no more than one IP for each IP family");

    [Fact]
    public void Pod_ThreePodIPs_Invalid() =>
        Validate.Error(PodWithStatus("""{"podIPs":[{"ip":"10.0.0.1"},{"ip":"2001:db8::1"},{"ip":"10.0.0.2"}]}"""), "status.podIPs",
            "Invalid value: [{\"IP\":\"10.0.0.1\"},{\"IP\":\"2001:db8::1\"},{\"IP\":\"10.0.0.2\"}]: may specify no more than one IP for each IP family");

    [Fact]
    public void Pod_DuplicatePodIP_DuplicateAndFamilyError() =>
        Validate.Errors(PodWithStatus("""{"podIPs":[{"ip":"10.0.0.1"},{"ip":"10.0.0.1"}]}"""),
            ("status.podIPs", "Invalid value: [{\"IP\":\"10.0.0.1\"},{\"IP\":\"10.0.0.1\"}]: may specify no more than one IP for each IP family"),
            ("status.podIPs[1]", "Duplicate value: {\"IP\":\"10.0.0.1\"}"));

    private static IReadOnlyList<FieldError> Pod(string spec) =>
        Validate.Json<V1Pod>("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\",\"namespace\":\"a\"},\"spec\":" + spec + "}");

    private static IReadOnlyList<FieldError> Probe(string kind, string probe) =>
        Pod("{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\",\"" + kind + "\":" + probe + "}]}");

    private static IReadOnlyList<FieldError> PodWithStatus(string status) =>
        Validate.Json<V1Pod>("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\",\"namespace\":\"a\"},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]},\"status\":" + status + "}");
}
