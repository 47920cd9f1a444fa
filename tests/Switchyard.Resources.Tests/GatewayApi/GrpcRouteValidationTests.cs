using Switchyard.Resources.Model.GatewayApi;
using static Switchyard.Resources.Tests.GatewayApi.GatewayApiFixture;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class GrpcRouteValidationTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "parentRefs": [{ "name": "gw" }], "hostnames": ["grpc.example.com"], "rules": [{ "backendRefs": [{ "name": "svc", "port": 9000 }] }] }""")]
    [InlineData("""{ "rules": [{ "name": "r", "matches": [{ "method": { "service": "pkg.v1.Svc", "method": "Get" } }, { "method": { "service": ".pkg.Svc" } }, { "method": { "method": "List" } }, { "method": { "type": "RegularExpression", "service": "pkg\\..*", "method": "Get.*" } }, { "headers": [{ "name": "x-a", "value": "1" }, { "name": "x-b", "type": "RegularExpression", "value": "^b" }] }, {}] }] }""")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": { "set": [{ "name": "a", "value": "1" }] } }, { "type": "ResponseHeaderModifier", "responseHeaderModifier": { "remove": ["a"] } }, { "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 } } }, { "type": "ExtensionRef", "extensionRef": { "group": "x", "kind": "Y", "name": "z" } }], "backendRefs": [{ "name": "svc", "port": 9000, "weight": 5, "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": { "add": [{ "name": "a", "value": "1" }] } }] }], "sessionPersistence": { "type": "Header" } }] }""")]
    public void GrpcRoute_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<GrpcRoute>(spec));

    [Theory]
    [InlineData("""{ "parentRefs": [{ "name": "gw" }, { "name": "gw" }] }""", "spec.parentRefs", "Invalid value: \"array\": sectionName must be unique when parentRefs includes 2 or more references to the same parent")]
    [InlineData("""{ "hostnames": ["*.*.example.com"] }""", "spec.hostnames[0]", "Invalid value: \"*.*.example.com\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "rules": [{ "name": "A" }] }""", "spec.rules[0].name", "Invalid value: \"A\": spec.rules[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "rules": [{ "matches": [{ "method": { "type": "Prefix", "service": "a" } }] }] }""", "spec.rules[0].matches[0].method.type", "Unsupported value: \"Prefix\": supported values: \"Exact\", \"RegularExpression\"")]
    [InlineData("""{ "rules": [{ "matches": [{ "method": {} }] }] }""", "spec.rules[0].matches[0].method", "Invalid value: \"object\": One or both of 'service' or 'method' must be specified")]
    [InlineData("""{ "rules": [{ "matches": [{ "method": { "service": "pkg/Svc" } }] }] }""", "spec.rules[0].matches[0].method", "Invalid value: \"object\": service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)")]
    [InlineData("""{ "rules": [{ "matches": [{ "method": { "method": "Get.All" } }] }] }""", "spec.rules[0].matches[0].method", "Invalid value: \"object\": method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "value": "1" }] }] }] }""", "spec.rules[0].matches[0].headers[0].name", "Required value")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "a", "value": "1", "type": "Prefix" }] }] }] }""", "spec.rules[0].matches[0].headers[0].type", "Unsupported value: \"Prefix\": supported values: \"Exact\", \"RegularExpression\"")]
    [InlineData("""{ "rules": [{ "matches": [{ "headers": [{ "name": "a", "value": "1" }, { "name": "a", "value": "2" }] }] }] }""", "spec.rules[0].matches[0].headers[1]", "Duplicate value: map[string]interface {}{\"name\":\"a\"}")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestRedirect" }] }] }""", "spec.rules[0].filters[0].type", "Unsupported value: \"RequestRedirect\": supported values: \"ResponseHeaderModifier\", \"RequestHeaderModifier\", \"RequestMirror\", \"ExtensionRef\"")]
    [InlineData("""{ "rules": [{ "filters": [{ "requestHeaderModifier": {} }] }] }""", "spec.rules[0].filters[0].type", "Required value")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 } }, "requestHeaderModifier": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ResponseHeaderModifier" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": {}, "responseHeaderModifier": {} }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestMirror must be specified for RequestMirror filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": {}, "requestMirror": { "backendRef": { "name": "m", "port": 1 } } }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.requestMirror must be nil if the filter.type is not RequestMirror")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "ExtensionRef" }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.extensionRef must be specified for ExtensionRef filter.type")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": {}, "extensionRef": { "group": "x", "kind": "Y", "name": "z" } }] }] }""", "spec.rules[0].filters[0]", "Invalid value: \"object\": filter.extensionRef must be nil if the filter.type is not ExtensionRef")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestHeaderModifier", "requestHeaderModifier": {} }, { "type": "RequestHeaderModifier", "requestHeaderModifier": {} }] }] }""", "spec.rules[0].filters", "Invalid value: \"array\": RequestHeaderModifier filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "s", "port": 1, "filters": [{ "type": "ResponseHeaderModifier", "responseHeaderModifier": {} }, { "type": "ResponseHeaderModifier", "responseHeaderModifier": {} }] }] }] }""", "spec.rules[0].backendRefs[0].filters", "Invalid value: \"array\": ResponseHeaderModifier filter cannot be repeated")]
    [InlineData("""{ "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "percent": -1 } }] }] }""", "spec.rules[0].filters[0].requestMirror.percent", "Invalid value: -1: spec.rules[0].filters[0].requestMirror.percent in body should be greater than or equal to 0")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "svc" }] }] }""", "spec.rules[0].backendRefs[0]", "Invalid value: \"object\": Must have port for Service reference")]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "svc", "port": 1, "weight": 2000000 }] }] }""", "spec.rules[0].backendRefs[0].weight", "Invalid value: 2000000: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000")]
    [InlineData("""{ "rules": [{ "sessionPersistence": { "type": "Sticky" } }] }""", "spec.rules[0].sessionPersistence.type", "Unsupported value: \"Sticky\": supported values: \"Cookie\", \"Header\"")]
    public void GrpcRoute_InvalidSpec_ReportsFieldError(string spec, string path, string message) => AssertError(Validate<GrpcRoute>(spec), path, message);

    [Fact]
    public void GrpcRoute_RegexMethodThatDoesNotCompile_ReportsInvalidValue()
    {
        var errors = Validate<GrpcRoute>("""{ "rules": [{ "matches": [{ "method": { "type": "RegularExpression", "service": "[a" } }] }] }""");

        Assert.Contains(errors, e => e.Path == "spec.rules[0].matches[0].method.service" && e.Message.StartsWith("Invalid value: \"[a\": must be a valid regular expression: ", StringComparison.Ordinal));
    }

    [Fact]
    public void GrpcRoute_LimitsOnRulesAndMatches_ReportTooMany()
    {
        var rules = Array(17, _ => "{}");
        var matches = Array(65, i => $$"""{ "method": { "service": "s{{i}}" } }""");

        AssertError(Validate<GrpcRoute>($$"""{ "rules": {{rules}} }"""), "spec.rules", "Too many: 17: must have at most 16 items");
        AssertError(Validate<GrpcRoute>($$"""{ "rules": [{ "matches": {{matches}} }] }"""), "spec.rules[0].matches", "Too many: 65: must have at most 64 items");
        AssertError(Validate<GrpcRoute>($$"""{ "rules": [{ "matches": {{matches}} }, { "matches": {{matches}} }] }"""), "spec.rules", "Invalid value: \"array\": While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128");
    }
}
