using System.Text.Json.Nodes;
using k8s;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class ModelRoundTripTests
{
    [Fact]
    public void HttpRoute_EveryField_RoundTripsUnchanged()
    {
        const string json = """
            {
              "apiVersion": "gateway.networking.k8s.io/v1",
              "kind": "HTTPRoute",
              "metadata": { "name": "web", "namespace": "default" },
              "spec": {
                "parentRefs": [{ "group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "infra", "name": "gw", "sectionName": "http", "port": 80 }],
                "hostnames": ["example.com", "*.example.org"],
                "rules": [{
                  "name": "main",
                  "matches": [{
                    "path": { "type": "PathPrefix", "value": "/api" },
                    "headers": [{ "type": "Exact", "name": "x-env", "value": "prod" }],
                    "queryParams": [{ "type": "RegularExpression", "name": "q", "value": "^a+$" }],
                    "method": "GET"
                  }],
                  "filters": [
                    { "type": "RequestHeaderModifier", "requestHeaderModifier": { "set": [{ "name": "a", "value": "1" }], "add": [{ "name": "b", "value": "2" }], "remove": ["c"] } },
                    { "type": "ResponseHeaderModifier", "responseHeaderModifier": { "remove": ["server"] } },
                    { "type": "RequestMirror", "requestMirror": { "backendRef": { "group": "", "kind": "Service", "name": "shadow", "namespace": "default", "port": 8080 }, "fraction": { "numerator": 1, "denominator": 10 } } },
                    { "type": "URLRewrite", "urlRewrite": { "hostname": "internal.example.com", "path": { "type": "ReplacePrefixMatch", "replacePrefixMatch": "/v2" } } },
                    { "type": "CORS", "cors": { "allowOrigins": ["https://a.example.com"], "allowCredentials": true, "allowMethods": ["GET"], "allowHeaders": ["x-a"], "exposeHeaders": ["x-b"], "maxAge": 60 } },
                    { "type": "ExtensionRef", "extensionRef": { "group": "example.com", "kind": "Thing", "name": "t" } }
                  ],
                  "backendRefs": [{
                    "group": "", "kind": "Service", "name": "web", "namespace": "default", "port": 80, "weight": 3,
                    "filters": [{ "type": "RequestRedirect", "requestRedirect": { "scheme": "https", "hostname": "b.example.com", "path": { "type": "ReplaceFullPath", "replaceFullPath": "/x" }, "port": 443, "statusCode": 301 } }]
                  }],
                  "timeouts": { "request": "10s", "backendRequest": "2s" },
                  "retry": { "codes": [502, 503], "attempts": 2, "backoff": "100ms" },
                  "sessionPersistence": { "sessionName": "s", "absoluteTimeout": "1h", "type": "Cookie", "cookieConfig": { "lifetimeType": "Permanent" } }
                }]
              },
              "status": {
                "parents": [{
                  "parentRef": { "group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "gw" },
                  "controllerName": "example.com/switchyard",
                  "conditions": [{ "type": "Accepted", "status": "True", "reason": "Accepted", "message": "", "lastTransitionTime": "2024-01-02T03:04:05Z", "observedGeneration": 2 }]
                }]
              }
            }
            """;

        AssertRoundTrips<HttpRoute>(json);
    }

    [Fact]
    public void Gateway_EveryField_RoundTripsUnchanged()
    {
        const string json = """
            {
              "apiVersion": "gateway.networking.k8s.io/v1",
              "kind": "Gateway",
              "metadata": { "name": "gw", "namespace": "infra" },
              "spec": {
                "gatewayClassName": "switchyard",
                "listeners": [{
                  "name": "https",
                  "hostname": "*.example.com",
                  "port": 443,
                  "protocol": "HTTPS",
                  "tls": { "mode": "Terminate", "certificateRefs": [{ "group": "", "kind": "Secret", "name": "cert", "namespace": "certs" }], "options": { "example.com/a": "b" } },
                  "allowedRoutes": {
                    "namespaces": { "from": "Selector", "selector": { "matchLabels": { "team": "a" }, "matchExpressions": [{ "key": "env", "operator": "In", "values": ["prod"] }] } },
                    "kinds": [{ "group": "gateway.networking.k8s.io", "kind": "HTTPRoute" }]
                  }
                }],
                "addresses": [{ "type": "IPAddress", "value": "192.0.2.1" }],
                "infrastructure": { "labels": { "a": "b" }, "annotations": { "c": "d" }, "parametersRef": { "group": "example.com", "kind": "Config", "name": "cfg" } },
                "allowedListeners": { "namespaces": { "from": "Same" } },
                "tls": {
                  "backend": { "clientCertificateRef": { "name": "client" } },
                  "frontend": {
                    "default": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }], "mode": "AllowValidOnly" } },
                    "perPort": [{ "port": 8443, "tls": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca2", "namespace": "x" }] } } }]
                  }
                }
              },
              "status": {
                "addresses": [{ "type": "IPAddress", "value": "192.0.2.1" }],
                "conditions": [{ "type": "Programmed", "status": "True", "reason": "Programmed", "message": "ok", "lastTransitionTime": "2024-01-02T03:04:05Z" }],
                "listeners": [{ "name": "https", "supportedKinds": [{ "group": "gateway.networking.k8s.io", "kind": "HTTPRoute" }], "attachedRoutes": 0, "conditions": [] }],
                "attachedListenerSets": 1
              }
            }
            """;

        AssertRoundTrips<Gateway>(json);
    }

    [Fact]
    public void OtherKinds_EveryField_RoundTripUnchanged()
    {
        AssertRoundTrips<GatewayClass>("""
            {
              "apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass", "metadata": { "name": "c" },
              "spec": { "controllerName": "example.com/c", "parametersRef": { "group": "example.com", "kind": "P", "name": "p", "namespace": "n" }, "description": "d" },
              "status": { "conditions": [], "supportedFeatures": [{ "name": "HTTPRoute" }] }
            }
            """);
        AssertRoundTrips<GrpcRoute>("""
            {
              "apiVersion": "gateway.networking.k8s.io/v1", "kind": "GRPCRoute", "metadata": { "name": "g" },
              "spec": {
                "parentRefs": [{ "name": "gw" }], "hostnames": ["grpc.example.com"],
                "rules": [{
                  "name": "r",
                  "matches": [{ "method": { "type": "Exact", "service": "pkg.Svc", "method": "Get" }, "headers": [{ "type": "Exact", "name": "a", "value": "b" }] }],
                  "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 9000 }, "percent": 10 } }],
                  "backendRefs": [{ "name": "svc", "port": 9000, "weight": 1, "filters": [{ "type": "ExtensionRef", "extensionRef": { "group": "x", "kind": "Y", "name": "z" } }] }],
                  "sessionPersistence": { "type": "Header", "sessionName": "h" }
                }]
              }
            }
            """);
        AssertRoundTrips<ReferenceGrant>("""
            {
              "apiVersion": "gateway.networking.k8s.io/v1beta1", "kind": "ReferenceGrant", "metadata": { "name": "rg", "namespace": "b" },
              "spec": { "from": [{ "group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "namespace": "a" }], "to": [{ "group": "", "kind": "Service", "name": "s" }] }
            }
            """);
        AssertRoundTrips<BackendTlsPolicy>("""
            {
              "apiVersion": "gateway.networking.k8s.io/v1", "kind": "BackendTLSPolicy", "metadata": { "name": "p" },
              "spec": {
                "targetRefs": [{ "group": "", "kind": "Service", "name": "s", "sectionName": "https" }],
                "validation": {
                  "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }], "hostname": "s.example.com",
                  "subjectAltNames": [{ "type": "Hostname", "hostname": "s.example.com" }, { "type": "URI", "uri": "spiffe://td/ns/a" }]
                },
                "options": { "example.com/x": "y" }
              },
              "status": { "ancestors": [{ "ancestorRef": { "name": "gw" }, "controllerName": "example.com/c", "conditions": [] }] }
            }
            """);
        AssertRoundTrips<TlsRoute>("""
            {
              "apiVersion": "gateway.networking.k8s.io/v1", "kind": "TLSRoute", "metadata": { "name": "t" },
              "spec": { "parentRefs": [{ "name": "gw" }], "hostnames": ["a.example.com"], "rules": [{ "name": "r", "backendRefs": [{ "name": "s", "port": 443, "weight": 2 }] }] },
              "status": { "parents": [] }
            }
            """);
    }

    [Fact]
    public void Route_AbsentFields_StayAbsentAfterRoundTrip()
    {
        var route = KubernetesJson.Deserialize<HttpRoute>("""{ "apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": { "name": "r" }, "spec": { "rules": [] } }""");

        Assert.Null(route.Spec.ParentRefs);
        Assert.Null(route.Spec.Hostnames);
        Assert.NotNull(route.Spec.Rules);
        Assert.Empty(route.Spec.Rules);
        Assert.Null(route.Status);
        var output = JsonNode.Parse(KubernetesJson.Serialize(route))!;
        Assert.Null(output["status"]);
        Assert.Null(output["spec"]!["hostnames"]);
    }

    [Fact]
    public void Route_UnknownEnumValue_DeserializesAsString()
    {
        var route = KubernetesJson.Deserialize<HttpRoute>("""{ "spec": { "rules": [{ "matches": [{ "path": { "type": "Glob" } }] }] } }""");

        Assert.Equal("Glob", route.Spec.Rules![0].Matches![0].Path!.Type);
    }

    private static void AssertRoundTrips<T>(string json)
    {
        var model = KubernetesJson.Deserialize<T>(json);
        var output = KubernetesJson.Serialize(model);

        var expected = JsonNode.Parse(json);
        var actual = JsonNode.Parse(output);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");
    }
}
