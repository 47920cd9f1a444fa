using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class EndpointSliceValidationTests
{
    [Theory]
    [InlineData("""{"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true},"hostname":"web-0","nodeName":"node-1.example","hints":{"forZones":[{"name":"zone-a"}],"forNodes":[{"name":"node-1"}]}}],"ports":[{"name":"http","port":8080,"appProtocol":"kubernetes.io/h2c"},{"name":"dns","port":53,"protocol":"UDP"}]}""")]
    [InlineData("""{"addressType":"IPv6","endpoints":[{"addresses":["2001:db8::1"]}],"ports":[{"port":80}]}""")]
    [InlineData("""{"addressType":"FQDN","endpoints":[{"addresses":["db.example.com"]}]}""")]
    [InlineData("""{"addressType":"IPv4","endpoints":[],"ports":[]}""")]
    public void EndpointSlice_Valid_NoErrors(string body) => Validate.Valid(Slice(body));

    [Fact]
    public void EndpointSlice_NoAddressType_Required() =>
        Validate.Error(Slice("""{"endpoints":[]}"""), "addressType", "Required value");

    [Fact]
    public void EndpointSlice_UnknownAddressType_Unsupported() =>
        Validate.Error(Slice("""{"addressType":"IP","endpoints":[]}"""), "addressType", "Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");

    [Fact]
    public void EndpointSlice_EndpointWithoutAddresses_Required() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":[]}]}"""), "endpoints[0].addresses", "Required value: must contain at least 1 address");

    [Fact]
    public void EndpointSlice_TooManyAddresses_TooMany()
    {
        var addresses = string.Join(",", Enumerable.Range(1, 101).Select(i => $"\"10.0.{i / 250}.{(i % 250) + 1}\""));
        Validate.Error(Slice("{\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[" + addresses + "]}]}"), "endpoints[0].addresses", "Too many: 101: must have at most 100 items");
    }

    [Fact]
    public void EndpointSlice_HundredAddresses_Accepted()
    {
        var addresses = string.Join(",", Enumerable.Range(1, 100).Select(i => $"\"10.0.0.{i}\""));
        Validate.Valid(Slice("{\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[" + addresses + "]}]}"));
    }

    [Fact]
    public void EndpointSlice_TooManyEndpoints_TooMany()
    {
        var endpoints = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"{{\"addresses\":[\"10.1.{i / 250}.{(i % 250) + 1}\"]}}"));
        Validate.Error(Slice("{\"addressType\":\"IPv4\",\"endpoints\":[" + endpoints + "]}"), "endpoints", "Too many: 1001: must have at most 1000 items");
    }

    [Fact]
    public void EndpointSlice_ThousandEndpoints_Accepted()
    {
        var endpoints = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{{\"addresses\":[\"10.1.{i / 250}.{(i % 250) + 1}\"]}}"));
        Validate.Valid(Slice("{\"addressType\":\"IPv4\",\"endpoints\":[" + endpoints + "]}"));
    }

    [Fact]
    public void EndpointSlice_BadIPv4Address_Invalid() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["10.0.0"]}]}"""), "endpoints[0].addresses[0]", "Invalid value: \"10.0.0\": " + Expected.InvalidIp);

    [Fact]
    public void EndpointSlice_IPv6AddressInIPv4Slice_Invalid() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["2001:db8::1"]}]}"""), "endpoints[0].addresses[0]", "Invalid value: \"2001:db8::1\": must be a valid IPv4 address");

    [Fact]
    public void EndpointSlice_IPv4AddressInIPv6Slice_Invalid() =>
        Validate.Error(Slice("""{"addressType":"IPv6","endpoints":[{"addresses":["10.0.0.1"]}]}"""), "endpoints[0].addresses[0]", "Invalid value: \"10.0.0.1\": must be a valid IPv6 address");

    // Standalone Switchyard routes to local processes, so (unlike the API server) loopback endpoints are allowed.
    [Fact]
    public void EndpointSlice_LoopbackAddress_Allowed() =>
        Validate.Valid(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["127.0.0.1"]}]}"""));

    [Fact]
    public void EndpointSlice_LinkLocalAddress_Invalid() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["169.254.1.1"]}]}"""), "endpoints[0].addresses[0]",
            "Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)");

    [Fact]
    public void EndpointSlice_SingleLabelFqdn_Invalid() =>
        Validate.Error(Slice("""{"addressType":"FQDN","endpoints":[{"addresses":["db"]}]}"""), "endpoints[0].addresses[0]",
            "Invalid value: \"db\": should be a domain with at least two segments separated by dots");

    [Fact]
    public void EndpointSlice_BadFqdn_Invalid() =>
        Validate.Error(Slice("""{"addressType":"FQDN","endpoints":[{"addresses":["DB.example.com"]}]}"""), "endpoints[0].addresses[0]",
            "Invalid value: \"DB.example.com\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void EndpointSlice_BadHostname_InvalidDnsLabel() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"hostname":"web.0"}]}"""), "endpoints[0].hostname", "Invalid value: \"web.0\": must not contain dots");

    [Fact]
    public void EndpointSlice_BadNodeName_Invalid() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"nodeName":"Node_1"}]}"""), "endpoints[0].nodeName", "Invalid value: \"Node_1\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void EndpointSlice_DuplicateZoneHint_Duplicate() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"hints":{"forZones":[{"name":"a"},{"name":"a"}]}}]}"""), "endpoints[0].hints.forZones[1].name", "Duplicate value: \"a\"");

    [Fact]
    public void EndpointSlice_TooManyZoneHints_TooMany()
    {
        var zones = string.Join(",", Enumerable.Range(0, 9).Select(i => $"{{\"name\":\"z{i}\"}}"));
        Validate.Error(Slice("{\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[\"10.0.0.1\"],\"hints\":{\"forZones\":[" + zones + "]}}]}"),
            "endpoints[0].hints.forZones", "Too many: 9: must have at most 8 items");
    }

    [Fact]
    public void EndpointSlice_BadPortName_InvalidDnsLabel() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[],"ports":[{"name":"HTTP","port":80}]}"""), "ports[0].name", "Invalid value: \"HTTP\": " + Expected.Dns1123Label);

    [Fact]
    public void EndpointSlice_TwoUnnamedPorts_Duplicate() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[],"ports":[{"port":80},{"port":81}]}"""), "ports[1].name", "Duplicate value: \"\"");

    [Fact]
    public void EndpointSlice_UnknownPortProtocol_Unsupported() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[],"ports":[{"port":80,"protocol":"HTTP"}]}"""), "ports[0].protocol",
            "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");

    [Fact]
    public void EndpointSlice_BadAppProtocol_Invalid() =>
        Validate.Error(Slice("""{"addressType":"IPv4","endpoints":[],"ports":[{"port":80,"appProtocol":"a b"}]}"""), "ports[0].appProtocol", "Invalid value: \"a b\": " + Expected.LabelKeyName);

    [Fact]
    public void EndpointSlice_TooManyPorts_TooMany()
    {
        var ports = string.Join(",", Enumerable.Range(0, 101).Select(i => $"{{\"name\":\"p{i}\",\"port\":{1000 + i}}}"));
        Validate.Error(Slice("{\"addressType\":\"IPv4\",\"endpoints\":[],\"ports\":[" + ports + "]}"), "ports", "Too many: 101: must have at most 100 items");
    }

    private static IReadOnlyList<FieldError> Slice(string body) =>
        Validate.Json<V1EndpointSlice>("{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"web-abc\",\"namespace\":\"a\"}," + body.TrimStart('{'));
}
