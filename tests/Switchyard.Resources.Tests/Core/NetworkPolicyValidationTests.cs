using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class NetworkPolicyValidationTests
{
    [Theory]
    [InlineData("""{"podSelector":{}}""")]
    [InlineData("""{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}},"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"team-a"}}},{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],"ports":[{"port":80},{"port":"http","protocol":"TCP"},{"port":30000,"endPort":32767,"protocol":"UDP"},{"protocol":"SCTP"}]}]}""")]
    [InlineData("""{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"2001:db8::/32","except":["2001:db8:1::/48"]}}],"ports":[{"port":53,"protocol":"UDP"}]}],"policyTypes":["Egress","Ingress"]}""")]
    public void NetworkPolicy_Valid_NoErrors(string spec) => Validate.Valid(Policy(spec));

    [Fact]
    public void NetworkPolicy_UnknownPortProtocol_Unsupported() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"ports":[{"port":80,"protocol":"ICMP"}]}]}"""), "spec.ingress[0].ports[0].protocol",
            "Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"");

    [Fact]
    public void NetworkPolicy_PortOutOfRange_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"egress":[{"ports":[{"port":0}]}]}"""), "spec.egress[0].ports[0].port", "Invalid value: 0: " + Expected.PortRange);

    [Fact]
    public void NetworkPolicy_BadNamedPort_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"ports":[{"port":"Http"}]}]}"""), "spec.ingress[0].ports[0].port",
            "Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");

    [Fact]
    public void NetworkPolicy_EndPortBelowPort_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"ports":[{"port":8080,"endPort":80}]}]}"""), "spec.ingress[0].ports[0].endPort", "Invalid value: 80: must be greater than or equal to `port`");

    [Fact]
    public void NetworkPolicy_EndPortOutOfRange_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"ports":[{"port":80,"endPort":70000}]}]}"""), "spec.ingress[0].ports[0].endPort", "Invalid value: 70000: " + Expected.PortRange);

    [Fact]
    public void NetworkPolicy_EndPortWithNamedPort_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"ports":[{"port":"http","endPort":90}]}]}"""), "spec.ingress[0].ports[0].endPort", "Invalid value: 90: may not be specified when `port` is non-numeric");

    [Fact]
    public void NetworkPolicy_EndPortWithoutPort_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"ports":[{"endPort":90}]}]}"""), "spec.ingress[0].ports[0].endPort", "Invalid value: 90: may not be specified when `port` is not specified");

    [Fact]
    public void NetworkPolicy_EmptyPeer_Required() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"from":[{}]}]}"""), "spec.ingress[0].from[0]", "Required value: must specify a peer");

    [Fact]
    public void NetworkPolicy_IPBlockWithSelector_Forbidden() =>
        Validate.Error(Policy("""{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}}]}]}"""), "spec.egress[0].to[0]", "Forbidden: may not specify both ipBlock and another peer");

    [Fact]
    public void NetworkPolicy_IPBlockWithoutCidr_Required() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"from":[{"ipBlock":{}}]}]}"""), "spec.ingress[0].from[0].ipBlock.cidr", "Required value");

    [Fact]
    public void NetworkPolicy_BadCidr_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"from":[{"ipBlock":{"cidr":"10.0.0.0/33"}}]}]}"""), "spec.ingress[0].from[0].ipBlock.cidr", "Invalid value: \"10.0.0.0/33\": " + Expected.InvalidCidr);

    [Fact]
    public void NetworkPolicy_CidrWithHostBits_AcceptedAsLegacyField() =>
        Validate.Valid(Policy("""{"podSelector":{},"ingress":[{"from":[{"ipBlock":{"cidr":"10.1.2.3/8"}}]}]}"""));

    [Fact]
    public void NetworkPolicy_BadExcept_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"from":[{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0"]}}]}]}"""), "spec.ingress[0].from[0].ipBlock.except[0]", "Invalid value: \"10.1.0.0\": " + Expected.InvalidCidr);

    [Theory]
    [InlineData("192.168.0.0/16")]
    [InlineData("10.0.0.0/8")]
    [InlineData("0.0.0.0/0")]
    [InlineData("2001:db8::/48")]
    public void NetworkPolicy_ExceptNotStrictSubset_Invalid(string except) =>
        Validate.Error(Policy("{\"podSelector\":{},\"ingress\":[{\"from\":[{\"ipBlock\":{\"cidr\":\"10.0.0.0/8\",\"except\":[\"" + except + "\"]}}]}]}"),
            "spec.ingress[0].from[0].ipBlock.except[0]", $"Invalid value: \"{except}\": must be a strict subset of `cidr`");

    [Fact]
    public void NetworkPolicy_BadPeerSelector_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"ingress":[{"from":[{"namespaceSelector":{"matchExpressions":[{"key":"team","operator":"In"}]}}]}]}"""),
            "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values", "Required value: must be specified when `operator` is 'In' or 'NotIn'");

    [Fact]
    public void NetworkPolicy_UnknownPolicyType_Unsupported() =>
        Validate.Error(Policy("""{"podSelector":{},"policyTypes":["Ingress","Both"]}"""), "spec.policyTypes[1]", "Unsupported value: \"Both\": supported values: \"Ingress\", \"Egress\"");

    [Fact]
    public void NetworkPolicy_ThreePolicyTypes_Invalid() =>
        Validate.Error(Policy("""{"podSelector":{},"policyTypes":["Ingress","Egress","Ingress"]}"""), "spec.policyTypes",
            "Invalid value: [\"Ingress\",\"Egress\",\"Ingress\"]: may not specify more than two policyTypes");

    private static IReadOnlyList<FieldError> Policy(string spec) =>
        Validate.Json<V1NetworkPolicy>("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\",\"namespace\":\"a\"},\"spec\":" + spec + "}");
}
