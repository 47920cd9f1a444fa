using Switchyard.Resources.Loading;
using Switchyard.Resources.Model.GatewayApi;
using static Switchyard.Resources.Tests.GatewayApi.GatewayApiFixture;

namespace Switchyard.Resources.Tests.GatewayApi;

/// <summary>The ListenerSet CRD's schema: its parentRef, and listeners checked with exactly the Gateway's rules.</summary>
public sealed class ListenerSetValidationTests
{
    private const string Parent = """ "parentRef": { "name": "gw" } """;
    private const string Http = """{ "name": "http", "port": 80, "protocol": "HTTP" }""";

    [Theory]
    [InlineData("""{ "parentRef": { "name": "gw" }, "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "a.example.com" }] }""")]
    [InlineData("""{ "parentRef": { "group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "gw", "namespace": "infra" }, "listeners": [{ "name": "https", "hostname": "*.example.com", "port": 443, "protocol": "HTTPS", "tls": { "certificateRefs": [{ "name": "cert", "namespace": "certs" }] } }] }""")]
    [InlineData("""{ "parentRef": { "name": "gw" }, "listeners": [{ "name": "tls", "hostname": "a.example.com", "port": 443, "protocol": "TLS", "tls": { "mode": "Passthrough" } }, { "name": "tcp", "port": 5432, "protocol": "TCP" }] }""")]
    [InlineData("""{ "parentRef": { "name": "gw" }, "listeners": [{ "name": "a", "port": 80, "protocol": "HTTP", "hostname": "a.example.com" }, { "name": "b", "port": 80, "protocol": "HTTP", "hostname": "b.example.com" }, { "name": "c", "port": 80, "protocol": "HTTP", "allowedRoutes": { "namespaces": { "from": "Selector", "selector": { "matchLabels": { "team": "a" } } }, "kinds": [{ "kind": "HTTPRoute" }] } }] }""")]
    public void ListenerSet_ValidSpec_HasNoErrors(string spec) => AssertValid(Validate<ListenerSet>(spec));

    [Theory]
    [InlineData("""{ "listeners": [HTTP] }""", "spec.parentRef", "Required value")]
    [InlineData("""{ "parentRef": {}, "listeners": [HTTP] }""", "spec.parentRef.name", "Required value")]
    [InlineData("""{ "parentRef": { "name": "gw", "namespace": "Infra" }, "listeners": [HTTP] }""", "spec.parentRef.namespace", "Invalid value: \"Infra\": spec.parentRef.namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")]
    [InlineData("""{ "parentRef": { "name": "gw", "kind": "" }, "listeners": [HTTP] }""", "spec.parentRef.kind", "Invalid value: \"\": spec.parentRef.kind in body should be at least 1 chars long")]
    [InlineData("""{ "parentRef": { "name": "gw", "group": "Gateway.Networking" }, "listeners": [HTTP] }""", "spec.parentRef.group", "Invalid value: \"Gateway.Networking\": spec.parentRef.group in body should match '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{ PARENT }""", "spec.listeners", "Required value")]
    [InlineData("""{ PARENT, "listeners": [] }""", "spec.listeners", "Invalid value: 0: spec.listeners in body should have at least 1 items")]
    [InlineData("""{ PARENT, "listeners": [{ "port": 80, "protocol": "HTTP" }] }""", "spec.listeners[0].name", "Required value")]
    [InlineData("""{ PARENT, "listeners": [{ "name": "http", "port": 0, "protocol": "HTTP" }] }""", "spec.listeners[0].port", "Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1")]
    [InlineData("""{ PARENT, "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "hostname": "192.0.2.1" }] }""", "spec.listeners[0].hostname", "Invalid value: \"192.0.2.1\": must be a DNS name, not an IP address")]
    [InlineData("""{ PARENT, "listeners": [HTTP, { "name": "http", "port": 81, "protocol": "HTTP" }] }""", "spec.listeners", "Invalid value: \"array\": Listener name must be unique within the Gateway")]
    [InlineData("""{ PARENT, "listeners": [HTTP, { "name": "other", "port": 80, "protocol": "HTTP" }] }""", "spec.listeners", "Invalid value: \"array\": Combination of port, protocol and hostname must be unique for each listener")]
    [InlineData("""{ PARENT, "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "tls": { "certificateRefs": [{ "name": "c" }] } }] }""", "spec.listeners", "Invalid value: \"array\": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']")]
    [InlineData("""{ PARENT, "listeners": [{ "name": "tls", "port": 443, "protocol": "TLS" }] }""", "spec.listeners", "Invalid value: \"array\": tls mode must be set for protocol TLS")]
    [InlineData("""{ PARENT, "listeners": [{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": {} }] }""", "spec.listeners[0].tls", "Invalid value: \"object\": certificateRefs or options must be specified when mode is Terminate")]
    [InlineData("""{ PARENT, "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": { "namespaces": { "from": "None" } } }] }""", "spec.listeners[0].allowedRoutes.namespaces.from", "Unsupported value: \"None\": supported values: \"All\", \"Selector\", \"Same\"")]
    public void ListenerSet_InvalidSpec_ReportsFieldError(string spec, string path, string message) =>
        AssertError(
            Validate<ListenerSet>(spec
                .Replace("PARENT", Parent, StringComparison.Ordinal)
                .Replace("HTTP]", Http + "]", StringComparison.Ordinal)
                .Replace("[HTTP,", "[" + Http + ",", StringComparison.Ordinal)),
            path,
            message);

    [Fact]
    public void ListenerSet_65Listeners_ReportsTooMany()
    {
        var listeners = Array(65, i => $$"""{ "name": "l{{i}}", "port": {{1000 + i}}, "protocol": "HTTP" }""");

        AssertError(Validate<ListenerSet>($$"""{ {{Parent}}, "listeners": {{listeners}} }"""), "spec.listeners", "Too many: 65: must have at most 64 items");
    }

    [Fact]
    public void ListenerSet_64Listeners_IsValid()
    {
        var listeners = Array(64, i => $$"""{ "name": "l{{i}}", "port": {{1000 + i}}, "protocol": "HTTP" }""");

        AssertValid(Validate<ListenerSet>($$"""{ {{Parent}}, "listeners": {{listeners}} }"""));
    }

    [Fact]
    public void Load_InvalidListenerSet_ErrorNamesFileLineObjectFieldAndKeepsTheRest()
    {
        var result = ManifestLoader.LoadString("sets.yaml", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata:
              name: good
              namespace: apps
            spec:
              parentRef:
                name: gw
              listeners:
              - name: http
                port: 80
                protocol: HTTP
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata:
              name: bad
              namespace: apps
            spec:
              parentRef:
                name: gw
              listeners:
              - name: http
                port: 70000
                protocol: HTTP
            """, DateTime.UnixEpoch);

        var error = Assert.Single(result.Errors);
        Assert.Equal("sets.yaml:24: ListenerSet apps/bad: spec.listeners[0].port: Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535", error.ToString());
        var loaded = Assert.Single(result.Objects, o => o.Object is ListenerSet);
        Assert.Equal("good", loaded.Key.Name);
    }

    [Fact]
    public void Default_ListenerSet_FillsParentRefListenersAndPendingStatus()
    {
        var result = ManifestLoader.LoadString("sets.yaml", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata: {name: s, namespace: apps}
            spec:
              parentRef: {name: gw}
              listeners:
              - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}}
            """, DateTime.UnixEpoch);

        var set = (ListenerSet)Assert.Single(result.Objects, o => o.Object is ListenerSet).Object;
        Assert.Equal("gateway.networking.k8s.io", set.Spec.ParentRef!.Group);
        Assert.Equal("Gateway", set.Spec.ParentRef.Kind);
        var listener = Assert.Single(set.Spec.Listeners!);
        Assert.Equal("Same", listener.AllowedRoutes!.Namespaces!.From);
        Assert.Equal("Terminate", listener.Tls!.Mode);
        Assert.Equal(["Accepted", "Programmed"], set.Status!.Conditions!.Select(c => c.Type));
        Assert.All(set.Status.Conditions!, c => Assert.Equal("Pending", c.Reason));
    }
}
