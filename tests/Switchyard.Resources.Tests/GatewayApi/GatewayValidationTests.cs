using Switchyard.Resources.Model.GatewayApi;
using static Switchyard.Resources.Tests.GatewayApi.GatewayApiFixture;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class GatewayValidationTests
{
    private const string Http = """{ "name": "http", "port": 80, "protocol": "HTTP" }""";

    [Theory]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "hostname": "*.example.com", "port": 443, "protocol": "HTTPS", "tls": { "certificateRefs": [{ "name": "cert" }] } }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "mode": "Terminate", "options": { "example.com/cert": "x" } } }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "tls", "hostname": "a.example.com", "port": 443, "protocol": "TLS", "tls": { "mode": "Passthrough" } }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "tcp", "port": 5432, "protocol": "TCP" }, { "name": "udp", "port": 53, "protocol": "UDP" }, { "name": "custom", "port": 9, "protocol": "example.com/Proto" }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "a", "port": 80, "protocol": "HTTP", "hostname": "a.example.com" }, { "name": "b", "port": 80, "protocol": "HTTP", "hostname": "b.example.com" }, { "name": "c", "port": 80, "protocol": "HTTP" }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": { "namespaces": { "from": "Selector", "selector": { "matchExpressions": [{ "key": "a", "operator": "Exists" }] } }, "kinds": [{ "kind": "HTTPRoute" }, { "group": "", "kind": "Custom" }] } }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }], "addresses": [{ "value": "192.0.2.1" }, { "value": "0.0.0.0" }, { "value": "198.51.100.200" }, { "type": "IPAddress", "value": "2001:db8::1" }, { "type": "Hostname", "value": "gw.example.com" }, { "type": "NamedAddress", "value": "pool-a" }, { "type": "example.com/custom", "value": "x" }, { "type": "IPAddress" }] }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }], "infrastructure": { "labels": { "example.com/team": "a", "b": "" }, "annotations": { "example.com/x": "long value ok" }, "parametersRef": { "group": "example.com", "kind": "Config", "name": "cfg" } } }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }], "allowedListeners": { "namespaces": { "from": "All" } } }""")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }], "tls": { "backend": { "clientCertificateRef": { "name": "client" } }, "frontend": { "default": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }], "mode": "AllowInsecureFallback" } }, "perPort": [{ "port": 443, "tls": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }] } } }, { "port": 8443, "tls": {} }] } } }""")]
    public void Gateway_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<Gateway>(spec));

    [Theory]
    [InlineData("""{ "listeners": [HTTP] }""", "spec.gatewayClassName", "Required value")]
    [InlineData("""{ "gatewayClassName": "", "listeners": [HTTP] }""", "spec.gatewayClassName", "Invalid value: \"\": spec.gatewayClassName in body should be at least 1 chars long")]
    [InlineData("""{ "gatewayClassName": "c" }""", "spec.listeners", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [] }""", "spec.listeners", "Invalid value: 0: spec.listeners in body should have at least 1 items")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [null] }""", "spec.listeners[0]", "Invalid value: \"null\": spec.listeners[0] in body must be of type object: \"null\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "port": 80, "protocol": "HTTP" }] }""", "spec.listeners[0].name", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "Web_1", "port": 80, "protocol": "HTTP" }] }""", "spec.listeners[0].name", "Invalid value: \"Web_1\": spec.listeners[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "protocol": "HTTP" }] }""", "spec.listeners[0].port", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 0, "protocol": "HTTP" }] }""", "spec.listeners[0].port", "Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 65536, "protocol": "HTTP" }] }""", "spec.listeners[0].port", "Invalid value: 65536: spec.listeners[0].port in body should be less than or equal to 65535")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80 }] }""", "spec.listeners[0].protocol", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HT TP" }] }""", "spec.listeners[0].protocol", "Invalid value: \"HT TP\": spec.listeners[0].protocol in body should match '^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9]+$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "Example.com" }] }""", "spec.listeners[0].hostname", "Invalid value: \"Example.com\": spec.listeners[0].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "a.*.example.com" }] }""", "spec.listeners[0].hostname", "Invalid value: \"a.*.example.com\": spec.listeners[0].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "*" }] }""", "spec.listeners[0].hostname", "Invalid value: \"*\": spec.listeners[0].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "example.com\n" }] }""", "spec.listeners[0].hostname", "Invalid value: \"example.com\\n\": spec.listeners[0].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "192.0.2.1" }] }""", "spec.listeners[0].hostname", "Invalid value: \"192.0.2.1\": must be a DNS name, not an IP address")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "tcp", "port": 80, "protocol": "TCP", "hostname": "a.example.com" }] }""", "spec.listeners", "Invalid value: \"array\": hostname must not be specified for protocols ['TCP', 'UDP']")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "tls": { "certificateRefs": [{ "name": "c" }] } }] }""", "spec.listeners", "Invalid value: \"array\": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "mode": "Passthrough" } }] }""", "spec.listeners", "Invalid value: \"array\": tls mode must be Terminate for protocol HTTPS")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "tls", "port": 443, "protocol": "TLS" }] }""", "spec.listeners", "Invalid value: \"array\": tls mode must be set for protocol TLS")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP, { "name": "http", "port": 81, "protocol": "HTTP" }] }""", "spec.listeners[1]", "Duplicate value: map[string]interface {}{\"name\":\"http\"}")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP, { "name": "http", "port": 81, "protocol": "HTTP" }] }""", "spec.listeners", "Invalid value: \"array\": Listener name must be unique within the Gateway")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP, { "name": "other", "port": 80, "protocol": "HTTP" }] }""", "spec.listeners", "Invalid value: \"array\": Combination of port, protocol and hostname must be unique for each listener")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "mode": "Mirror", "certificateRefs": [{ "name": "c" }] } }] }""", "spec.listeners[0].tls.mode", "Unsupported value: \"Mirror\": supported values: \"Terminate\", \"Passthrough\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": {} }] }""", "spec.listeners[0].tls", "Invalid value: \"object\": certificateRefs or options must be specified when mode is Terminate")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "certificateRefs": [] } }] }""", "spec.listeners[0].tls", "Invalid value: \"object\": certificateRefs or options must be specified when mode is Terminate")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "certificateRefs": [{ "namespace": "a" }] } }] }""", "spec.listeners[0].tls.certificateRefs[0].name", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "certificateRefs": [{ "name": "c", "kind": "" }] } }] }""", "spec.listeners[0].tls.certificateRefs[0].kind", "Invalid value: \"\": spec.listeners[0].tls.certificateRefs[0].kind in body should be at least 1 chars long")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "certificateRefs": [{ "name": "c", "namespace": "Not_A_Label" }] } }] }""", "spec.listeners[0].tls.certificateRefs[0].namespace", "Invalid value: \"Not_A_Label\": spec.listeners[0].tls.certificateRefs[0].namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": { "namespaces": { "from": "None" } } }] }""", "spec.listeners[0].allowedRoutes.namespaces.from", "Unsupported value: \"None\": supported values: \"All\", \"Selector\", \"Same\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": { "namespaces": { "from": "Selector", "selector": { "matchExpressions": [{ "operator": "Exists" }] } } } }] }""", "spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].key", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": { "kinds": [{ "group": "x" }] } }] }""", "spec.listeners[0].allowedRoutes.kinds[0].kind", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": { "kinds": [{ "group": "Example.com", "kind": "HTTPRoute" }] } }] }""", "spec.listeners[0].allowedRoutes.kinds[0].group", "Invalid value: \"Example.com\": spec.listeners[0].allowedRoutes.kinds[0].group in body should match '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "value": "1.2.3.4:8080" }] }""", "spec.addresses[0].value", "Invalid value: \"1.2.3.4:8080\": spec.addresses[0].value in body must be of type ipv4: \"1.2.3.4:8080\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "IPAddress", "value": "10.0.0.0/8" }] }""", "spec.addresses[0].value", "Invalid value: \"10.0.0.0/8\": spec.addresses[0].value in body must be of type ipv4: \"10.0.0.0/8\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "IPAddress", "value": "192.0.2.010" }] }""", "spec.addresses[0].value", "Invalid value: \"192.0.2.010\": spec.addresses[0].value in body must be of type ipv4: \"192.0.2.010\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "IPAddress", "value": "192.0.2" }] }""", "spec.addresses[0].value", "Invalid value: \"192.0.2\": spec.addresses[0].value in body must be of type ipv4: \"192.0.2\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "IPAddress", "value": "0x7f.0.0.1" }] }""", "spec.addresses[0].value", "Invalid value: \"0x7f.0.0.1\": spec.addresses[0].value in body must be of type ipv4: \"0x7f.0.0.1\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "IPAddress", "value": "192.0.2.256" }] }""", "spec.addresses[0].value", "Invalid value: \"192.0.2.256\": spec.addresses[0].value in body must be of type ipv4: \"192.0.2.256\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "IPAddress", "value": "fe80::1%eth0" }] }""", "spec.addresses[0].value", "Invalid value: \"fe80::1%eth0\": spec.addresses[0].value in body must be of type ipv4: \"fe80::1%eth0\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "Hostname", "value": "Gw.example.com" }] }""", "spec.addresses[0]", "Invalid value: \"object\": Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "value": "192.0.2.1" }, { "type": "IPAddress", "value": "192.0.2.1" }] }""", "spec.addresses", "Invalid value: \"array\": IPAddress values must be unique")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "Hostname", "value": "a.example.com" }, { "type": "Hostname", "value": "a.example.com" }] }""", "spec.addresses", "Invalid value: \"array\": Hostname values must be unique")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "addresses": [{ "type": "my type", "value": "x" }] }""", "spec.addresses[0].type", "Invalid value: \"my type\": spec.addresses[0].type in body should match '^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "infrastructure": { "labels": { "-bad": "a" } } }""", "spec.infrastructure.labels", "Invalid value: \"object\": Label keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "infrastructure": { "labels": { "a": "-bad" } } }""", "spec.infrastructure.labels.a", "Invalid value: \"-bad\": spec.infrastructure.labels.a in body should match '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$'")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "infrastructure": { "annotations": { "Example.com/a": "b" } } }""", "spec.infrastructure.annotations", "Invalid value: \"object\": Annotation keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "infrastructure": { "parametersRef": { "kind": "Config", "name": "cfg" } } }""", "spec.infrastructure.parametersRef.group", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "allowedListeners": { "namespaces": { "from": "Everywhere" } } }""", "spec.allowedListeners.namespaces.from", "Unsupported value: \"Everywhere\": supported values: \"All\", \"Selector\", \"Same\", \"None\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": {} } }""", "spec.tls.frontend.default", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": { "validation": {} } } } }""", "spec.tls.frontend.default.validation.caCertificateRefs", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": { "validation": { "caCertificateRefs": [] } } } } }""", "spec.tls.frontend.default.validation.caCertificateRefs", "Invalid value: 0: spec.tls.frontend.default.validation.caCertificateRefs in body should have at least 1 items")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": { "validation": { "caCertificateRefs": [{ "kind": "ConfigMap", "name": "ca" }] } } } } }""", "spec.tls.frontend.default.validation.caCertificateRefs[0].group", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }], "mode": "Lax" } } } } }""", "spec.tls.frontend.default.validation.mode", "Unsupported value: \"Lax\": supported values: \"AllowValidOnly\", \"AllowInsecureFallback\"")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": {}, "perPort": [{ "tls": {} }] } } }""", "spec.tls.frontend.perPort[0].port", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": {}, "perPort": [{ "port": 443 }] } } }""", "spec.tls.frontend.perPort[0].tls", "Required value")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": {}, "perPort": [{ "port": 443, "tls": {} }, { "port": 443, "tls": {} }] } } }""", "spec.tls.frontend.perPort[1]", "Duplicate value: map[string]interface {}{\"port\":443}")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "frontend": { "default": {}, "perPort": [{ "port": 443, "tls": {} }, { "port": 443, "tls": {} }] } } }""", "spec.tls.frontend.perPort", "Invalid value: \"array\": Port for TLS configuration must be unique within the Gateway")]
    [InlineData("""{ "gatewayClassName": "c", "listeners": [HTTP], "tls": { "backend": { "clientCertificateRef": { "kind": "Secret" } } } }""", "spec.tls.backend.clientCertificateRef.name", "Required value")]
    public void Gateway_InvalidSpec_ReportsFieldError(string spec, string path, string message) =>
        AssertError(Validate<Gateway>(spec.Replace("HTTP]", Http + "]", StringComparison.Ordinal).Replace("[HTTP,", "[" + Http + ",", StringComparison.Ordinal)), path, message);

    [Fact]
    public void Gateway_65Listeners_ReportsTooMany()
    {
        var listeners = Array(65, i => $$"""{ "name": "l{{i}}", "port": {{1000 + i}}, "protocol": "HTTP" }""");

        AssertError(Validate<Gateway>($$"""{ "gatewayClassName": "c", "listeners": {{listeners}} }"""), "spec.listeners", "Too many: 65: must have at most 64 items");
    }

    [Fact]
    public void Gateway_64Listeners_IsValid()
    {
        var listeners = Array(64, i => $$"""{ "name": "l{{i}}", "port": {{1000 + i}}, "protocol": "HTTP" }""");

        AssertValid(Validate<Gateway>($$"""{ "gatewayClassName": "c", "listeners": {{listeners}} }"""));
    }

    [Fact]
    public void Gateway_TooManyOptionsAndLongValue_ReportsBoth()
    {
        var options = "{" + string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"k{i}\": \"v\"")) + ", \"long\": \"" + new string('x', 4097) + "\"}";

        var errors = Validate<Gateway>($$"""{ "gatewayClassName": "c", "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "options": {{options}} } }] }""");

        AssertError(errors, "spec.listeners[0].tls.options", "Too many: 18: must have at most 16 items");
        AssertError(errors, "spec.listeners[0].tls.options.long", "Too long: may not be more than 4096 bytes");
    }

    [Fact]
    public void Gateway_NineRouteKinds_ReportsTooMany()
    {
        var kinds = Array(9, i => $$"""{ "kind": "K{{i}}" }""");

        AssertError(Validate<Gateway>($$"""{ "gatewayClassName": "c", "listeners": [{ "name": "a", "port": 80, "protocol": "HTTP", "allowedRoutes": { "kinds": {{kinds}} } }] }"""), "spec.listeners[0].allowedRoutes.kinds", "Too many: 9: must have at most 8 items");
    }

    [Fact]
    public void Gateway_LongHostname_ReportsTooLong()
    {
        var hostname = string.Join(".", Enumerable.Repeat(new string('a', 63), 4));

        AssertError(Validate<Gateway>($$"""{ "gatewayClassName": "c", "listeners": [{ "name": "a", "port": 80, "protocol": "HTTP", "hostname": "{{hostname}}" }] }"""), "spec.listeners[0].hostname", "Too long: may not be more than 253 bytes");
    }
}
