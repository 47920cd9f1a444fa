using Switchyard.Resources.Model.GatewayApi;
using static Switchyard.Resources.Tests.GatewayApi.GatewayApiFixture;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class OtherKindsValidationTests
{
    [Theory]
    [InlineData("""{ "controllerName": "example.com/gateway-controller" }""")]
    [InlineData("""{ "controllerName": "example.com/a/b", "parametersRef": { "group": "", "kind": "ConfigMap", "name": "cfg", "namespace": "ns" }, "description": "Switchyard" }""")]
    public void GatewayClass_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<GatewayClass>(spec));

    [Theory]
    [InlineData("{}", "spec.controllerName", "Required value")]
    [InlineData("""{ "controllerName": "switchyard" }""", "spec.controllerName", "Invalid value: \"switchyard\": spec.controllerName in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$'")]
    [InlineData("""{ "controllerName": "a.com/b", "parametersRef": { "kind": "ConfigMap", "name": "cfg" } }""", "spec.parametersRef.group", "Required value")]
    [InlineData("""{ "controllerName": "a.com/b", "parametersRef": { "group": "", "name": "cfg" } }""", "spec.parametersRef.kind", "Required value")]
    [InlineData("""{ "controllerName": "a.com/b", "parametersRef": { "group": "", "kind": "ConfigMap" } }""", "spec.parametersRef.name", "Required value")]
    [InlineData("""{ "controllerName": "a.com/b", "parametersRef": { "group": "", "kind": "ConfigMap", "name": "cfg", "namespace": "NS" } }""", "spec.parametersRef.namespace", "Invalid value: \"NS\": spec.parametersRef.namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")]
    [InlineData("""{ "controllerName": "a.com/b", "description": "0123456789012345678901234567890123456789012345678901234567890123456789" }""", "spec.description", "Too long: may not be more than 64 bytes")]
    public void GatewayClass_InvalidSpec_ReportsFieldError(string spec, string path, string message) => AssertError(Validate<GatewayClass>(spec), path, message);

    [Theory]
    [InlineData("""{ "from": [{ "group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "namespace": "a" }], "to": [{ "group": "", "kind": "Service" }, { "group": "", "kind": "Secret", "name": "cert" }] }""")]
    public void ReferenceGrant_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<ReferenceGrant>(spec));

    [Theory]
    [InlineData("""{ "to": [{ "group": "", "kind": "Service" }] }""", "spec.from", "Required value")]
    [InlineData("""{ "from": [{ "group": "", "kind": "HTTPRoute", "namespace": "a" }] }""", "spec.to", "Required value")]
    [InlineData("""{ "from": [], "to": [{ "group": "", "kind": "Service" }] }""", "spec.from", "Invalid value: 0: spec.from in body should have at least 1 items")]
    [InlineData("""{ "from": [{ "group": "", "kind": "HTTPRoute", "namespace": "a" }], "to": [] }""", "spec.to", "Invalid value: 0: spec.to in body should have at least 1 items")]
    [InlineData("""{ "from": [{ "kind": "HTTPRoute", "namespace": "a" }], "to": [{ "group": "", "kind": "Service" }] }""", "spec.from[0].group", "Required value")]
    [InlineData("""{ "from": [{ "group": "", "namespace": "a" }], "to": [{ "group": "", "kind": "Service" }] }""", "spec.from[0].kind", "Required value")]
    [InlineData("""{ "from": [{ "group": "", "kind": "HTTPRoute" }], "to": [{ "group": "", "kind": "Service" }] }""", "spec.from[0].namespace", "Required value")]
    [InlineData("""{ "from": [{ "group": "", "kind": "HTTPRoute", "namespace": "a" }], "to": [{ "kind": "Service" }] }""", "spec.to[0].group", "Required value")]
    [InlineData("""{ "from": [{ "group": "", "kind": "HTTPRoute", "namespace": "a" }], "to": [{ "group": "", "kind": "Service", "name": "" }] }""", "spec.to[0].name", "Invalid value: \"\": spec.to[0].name in body should be at least 1 chars long")]
    public void ReferenceGrant_InvalidSpec_ReportsFieldError(string spec, string path, string message) => AssertError(Validate<ReferenceGrant>(spec), path, message);

    [Fact]
    public void ReferenceGrant_SeventeenFrom_ReportsTooMany()
    {
        var from = Array(17, i => $$"""{ "group": "", "kind": "HTTPRoute", "namespace": "n{{i}}" }""");

        AssertError(Validate<ReferenceGrant>($$"""{ "from": {{from}}, "to": [{ "group": "", "kind": "Service" }] }"""), "spec.from", "Too many: 17: must have at most 16 items");
    }

    [Theory]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "s.example.com", "wellKnownCACertificates": "System" } }""")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s", "sectionName": "a" }, { "group": "", "kind": "Service", "name": "s", "sectionName": "b" }], "validation": { "hostname": "s.example.com", "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }], "subjectAltNames": [{ "type": "Hostname", "hostname": "*.example.com" }, { "type": "URI", "uri": "spiffe://td/ns/a/sa/b" }] }, "options": { "example.com/x": "y" } }""")]
    public void BackendTlsPolicy_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<BackendTlsPolicy>(spec));

    [Theory]
    [InlineData("""{ "validation": { "hostname": "a", "wellKnownCACertificates": "System" } }""", "spec.targetRefs", "Required value")]
    [InlineData("""{ "targetRefs": [], "validation": { "hostname": "a", "wellKnownCACertificates": "System" } }""", "spec.targetRefs", "Invalid value: 0: spec.targetRefs in body should have at least 1 items")]
    [InlineData("""{ "targetRefs": [{ "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System" } }""", "spec.targetRefs[0].group", "Required value")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }, { "group": "", "kind": "Service", "name": "s", "sectionName": "a" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System" } }""", "spec.targetRefs", "Invalid value: \"array\": sectionName must be specified when targetRefs includes 2 or more references to the same target")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }, { "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System" } }""", "spec.targetRefs", "Invalid value: \"array\": sectionName must be unique when targetRefs includes 2 or more references to the same target")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }] }""", "spec.validation", "Required value")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "wellKnownCACertificates": "System" } }""", "spec.validation.hostname", "Required value")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "", "wellKnownCACertificates": "System" } }""", "spec.validation.hostname", "Invalid value: \"\": spec.validation.hostname in body should be at least 1 chars long")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "*.example.com", "wellKnownCACertificates": "System" } }""", "spec.validation.hostname", "Invalid value: \"*.example.com\": spec.validation.hostname in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "Everything" } }""", "spec.validation.wellKnownCACertificates", "Invalid value: \"Everything\": spec.validation.wellKnownCACertificates in body should match '^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$'")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }] } }""", "spec.validation", "Invalid value: \"object\": must not contain both CACertificateRefs and WellKnownCACertificates")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a" } }""", "spec.validation", "Invalid value: \"object\": must specify either CACertificateRefs or WellKnownCACertificates")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "caCertificateRefs": [{ "group": "", "name": "ca" }] } }""", "spec.validation.caCertificateRefs[0].kind", "Required value")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "hostname": "a" }] } }""", "spec.validation.subjectAltNames[0].type", "Required value")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "type": "IP" }] } }""", "spec.validation.subjectAltNames[0].type", "Unsupported value: \"IP\": supported values: \"Hostname\", \"URI\"")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "type": "Hostname" }] } }""", "spec.validation.subjectAltNames[0]", "Invalid value: \"object\": SubjectAltName element must contain Hostname, if Type is set to Hostname")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "type": "URI", "uri": "spiffe://a/b", "hostname": "a" }] } }""", "spec.validation.subjectAltNames[0]", "Invalid value: \"object\": SubjectAltName element must not contain Hostname, if Type is not set to Hostname")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "type": "URI" }] } }""", "spec.validation.subjectAltNames[0]", "Invalid value: \"object\": SubjectAltName element must contain URI, if Type is set to URI")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "type": "Hostname", "hostname": "a", "uri": "spiffe://a/b" }] } }""", "spec.validation.subjectAltNames[0]", "Invalid value: \"object\": SubjectAltName element must not contain URI, if Type is not set to URI")]
    [InlineData("""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": [{ "type": "URI", "uri": "not a uri" }] } }""", "spec.validation.subjectAltNames[0].uri", "Invalid value: \"not a uri\": spec.validation.subjectAltNames[0].uri in body should match '^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\\?([^#]*))?(#(.*))?'")]
    public void BackendTlsPolicy_InvalidSpec_ReportsFieldError(string spec, string path, string message) => AssertError(Validate<BackendTlsPolicy>(spec), path, message);

    [Fact]
    public void BackendTlsPolicy_SixSubjectAltNames_ReportsTooMany()
    {
        var names = Array(6, i => $$"""{ "type": "Hostname", "hostname": "h{{i}}.example.com" }""");

        AssertError(Validate<BackendTlsPolicy>($$"""{ "targetRefs": [{ "group": "", "kind": "Service", "name": "s" }], "validation": { "hostname": "a", "wellKnownCACertificates": "System", "subjectAltNames": {{names}} } }"""), "spec.validation.subjectAltNames", "Too many: 6: must have at most 5 items");
    }

    [Theory]
    [InlineData("""{ "parentRefs": [{ "name": "gw" }], "hostnames": ["a.example.com", "*.example.org"], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] }""")]
    public void TlsRoute_ValidV1Spec_HasNoErrors(string spec) => AssertValid(Validate<TlsRoute>(spec));

    [Theory]
    [InlineData("""{ "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] }""", "spec.hostnames", "Required value")]
    [InlineData("""{ "hostnames": [], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] }""", "spec.hostnames", "Invalid value: 0: spec.hostnames in body should have at least 1 items")]
    [InlineData("""{ "hostnames": ["192.0.2.1"], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] }""", "spec.hostnames", "Invalid value: \"array\": Hostnames cannot contain an IP")]
    [InlineData("""{ "hostnames": ["A.example.com"], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] }""", "spec.hostnames", "Invalid value: \"array\": Hostnames must be valid based on RFC-1123")]
    [InlineData("""{ "hostnames": ["a.*.com"], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] }""", "spec.hostnames", "Invalid value: \"array\": Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123")]
    [InlineData("""{ "hostnames": ["a.com"] }""", "spec.rules", "Required value")]
    [InlineData("""{ "hostnames": ["a.com"], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }, { "backendRefs": [{ "name": "t", "port": 443 }] }] }""", "spec.rules", "Too many: 2: must have at most 1 item")]
    [InlineData("""{ "hostnames": ["a.com"], "rules": [{}] }""", "spec.rules[0].backendRefs", "Required value")]
    [InlineData("""{ "hostnames": ["a.com"], "rules": [{ "backendRefs": [] }] }""", "spec.rules[0].backendRefs", "Invalid value: 0: spec.rules[0].backendRefs in body should have at least 1 items")]
    [InlineData("""{ "hostnames": ["a.com"], "rules": [{ "backendRefs": [{ "name": "s" }] }] }""", "spec.rules[0].backendRefs[0]", "Invalid value: \"object\": Must have port for Service reference")]
    [InlineData("""{ "hostnames": ["a.com"], "rules": [{ "backendRefs": [{ "name": "s", "port": 1, "weight": -5 }] }] }""", "spec.rules[0].backendRefs[0].weight", "Invalid value: -5: spec.rules[0].backendRefs[0].weight in body should be greater than or equal to 0")]
    [InlineData("""{ "hostnames": ["a.com"], "parentRefs": [{ "name": "gw" }, { "name": "gw" }], "rules": [{ "backendRefs": [{ "name": "s", "port": 1 }] }] }""", "spec.parentRefs", "Invalid value: \"array\": sectionName must be unique when parentRefs includes 2 or more references to the same parent")]
    public void TlsRoute_InvalidV1Spec_ReportsFieldError(string spec, string path, string message) => AssertError(Validate<TlsRoute>(spec), path, message);

    [Fact]
    public void TlsRoute_V1Alpha2WithoutHostnamesAndTwoRules_IsValid() =>
        AssertValid(Validate<TlsRoute>("""{ "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }, { "backendRefs": [{ "name": "t", "port": 443 }] }] }""", "gateway.networking.k8s.io/v1alpha2"));

    [Fact]
    public void TlsRoute_V1Alpha2WithSeventeenRules_ReportsTooMany()
    {
        var rules = Array(17, i => $$"""{ "backendRefs": [{ "name": "s{{i}}", "port": 443 }] }""");

        AssertError(Validate<TlsRoute>($$"""{ "rules": {{rules}} }""", "gateway.networking.k8s.io/v1alpha2"), "spec.rules", "Too many: 17: must have at most 16 items");
    }
}
