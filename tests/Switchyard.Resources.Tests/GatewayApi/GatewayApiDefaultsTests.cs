using k8s;
using Switchyard.Resources.Admission;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class GatewayApiDefaultsTests
{
    [Fact]
    public void GatewayClass_NoStatus_GetsPendingAccepted()
    {
        var gatewayClass = KubernetesJson.Deserialize<GatewayClass>("""{ "spec": { "controllerName": "example.com/c" } }""");

        GatewayApiDefaults.GatewayClass(gatewayClass);

        var condition = Assert.Single(gatewayClass.Status!.Conditions!);
        Assert.Equal(("Accepted", "Unknown", "Pending", "Waiting for controller"), (condition.Type, condition.Status, condition.Reason, condition.Message));
        Assert.Equal(DateTime.UnixEpoch, condition.LastTransitionTime);
    }

    [Fact]
    public void GatewayClass_StatusWithConditions_KeepsThem()
    {
        var gatewayClass = KubernetesJson.Deserialize<GatewayClass>("""{ "status": { "conditions": [] } }""");

        GatewayApiDefaults.GatewayClass(gatewayClass);

        Assert.Empty(gatewayClass.Status!.Conditions!);
    }

    [Fact]
    public void Gateway_BareListener_GetsAllowedRoutesFromSame()
    {
        var gateway = DefaultedGateway("""{ "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }] }""");

        Assert.Equal("Same", gateway.Spec.Listeners![0].AllowedRoutes!.Namespaces!.From);
        Assert.Null(gateway.Spec.Listeners[0].AllowedRoutes!.Kinds);
        Assert.Null(gateway.Spec.Listeners[0].Tls);
    }

    [Fact]
    public void Gateway_AllowedRoutesWithoutNamespaces_GetsFromSame()
    {
        var gateway = DefaultedGateway("""{ "listeners": [{ "allowedRoutes": { "kinds": [{ "kind": "HTTPRoute" }] } }] }""");

        var allowed = gateway.Spec.Listeners![0].AllowedRoutes!;
        Assert.Equal("Same", allowed.Namespaces!.From);
        Assert.Equal("gateway.networking.k8s.io", allowed.Kinds![0].Group);
    }

    [Fact]
    public void Gateway_ExplicitValues_AreKept()
    {
        var gateway = DefaultedGateway("""
            {
              "listeners": [{ "allowedRoutes": { "namespaces": { "from": "All" }, "kinds": [{ "group": "", "kind": "X" }] }, "tls": { "mode": "Passthrough", "certificateRefs": [{ "group": "example.com", "kind": "Cert", "name": "c" }] } }],
              "addresses": [{ "type": "Hostname", "value": "gw.example.com" }]
            }
            """);

        var listener = gateway.Spec.Listeners![0];
        Assert.Equal("All", listener.AllowedRoutes!.Namespaces!.From);
        Assert.Equal(string.Empty, listener.AllowedRoutes.Kinds![0].Group);
        Assert.Equal("Passthrough", listener.Tls!.Mode);
        Assert.Equal(("example.com", "Cert"), (listener.Tls.CertificateRefs![0].Group, listener.Tls.CertificateRefs[0].Kind));
        Assert.Equal("Hostname", gateway.Spec.Addresses![0].Type);
    }

    [Fact]
    public void Gateway_TlsWithoutMode_GetsTerminateAndSecretRefs()
    {
        var gateway = DefaultedGateway("""{ "listeners": [{ "tls": { "certificateRefs": [{ "name": "cert" }] } }] }""");

        var tls = gateway.Spec.Listeners![0].Tls!;
        Assert.Equal("Terminate", tls.Mode);
        Assert.Equal((string.Empty, "Secret"), (tls.CertificateRefs![0].Group, tls.CertificateRefs[0].Kind));
    }

    [Fact]
    public void Gateway_AddressWithoutType_GetsIpAddress()
    {
        var gateway = DefaultedGateway("""{ "addresses": [{ "value": "192.0.2.1" }] }""");

        Assert.Equal("IPAddress", gateway.Spec.Addresses![0].Type);
    }

    [Fact]
    public void Gateway_AllowedListenersWithoutNamespaces_GetsFromNone()
    {
        var gateway = DefaultedGateway("""{ "allowedListeners": {} }""");

        Assert.Equal("None", gateway.Spec.AllowedListeners!.Namespaces!.From);
    }

    [Fact]
    public void Gateway_NoAllowedListeners_StaysAbsent()
    {
        var gateway = DefaultedGateway("""{ "listeners": [] }""");

        Assert.Null(gateway.Spec.AllowedListeners);
    }

    [Fact]
    public void Gateway_GatewayTls_GetsSecretKindAndValidationMode()
    {
        var gateway = DefaultedGateway("""
            {
              "tls": {
                "backend": { "clientCertificateRef": { "name": "client" } },
                "frontend": {
                  "default": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }] } },
                  "perPort": [{ "port": 443, "tls": { "validation": { "caCertificateRefs": [{ "group": "", "kind": "ConfigMap", "name": "ca" }] } } }]
                }
              }
            }
            """);

        var tls = gateway.Spec.Tls!;
        Assert.Equal((string.Empty, "Secret"), (tls.Backend!.ClientCertificateRef!.Group, tls.Backend.ClientCertificateRef.Kind));
        Assert.Equal("AllowValidOnly", tls.Frontend!.Default!.Validation!.Mode);
        Assert.Equal("AllowValidOnly", tls.Frontend.PerPort![0].Tls!.Validation!.Mode);
    }

    [Fact]
    public void Gateway_NoStatus_GetsPendingAcceptedAndProgrammed()
    {
        var gateway = DefaultedGateway("{}");

        Assert.Equal(["Accepted", "Programmed"], gateway.Status!.Conditions!.Select(c => c.Type));
        Assert.All(gateway.Status.Conditions!, c => Assert.Equal(("Unknown", "Pending"), (c.Status, c.Reason)));
    }

    [Fact]
    public void Gateway_StatusAddressesAndKinds_GetTypeAndGroup()
    {
        var gateway = KubernetesJson.Deserialize<Gateway>("""
            { "status": { "addresses": [{ "value": "192.0.2.1" }], "listeners": [{ "name": "a", "attachedRoutes": 0, "conditions": [], "supportedKinds": [{ "kind": "HTTPRoute" }] }] } }
            """);

        GatewayApiDefaults.Gateway(gateway);

        Assert.Equal("IPAddress", gateway.Status!.Addresses![0].Type);
        Assert.Equal("gateway.networking.k8s.io", gateway.Status.Listeners![0].SupportedKinds[0].Group);
    }

    [Fact]
    public void HttpRoute_NoRules_GetsOneRuleMatchingAllPaths()
    {
        var route = DefaultedHttpRoute("{}");

        var rule = Assert.Single(route.Spec.Rules!);
        var match = Assert.Single(rule.Matches!);
        Assert.Equal(("PathPrefix", "/"), (match.Path!.Type, match.Path.Value));
        Assert.Null(rule.BackendRefs);
    }

    [Fact]
    public void HttpRoute_EmptyRules_StayEmpty()
    {
        var route = DefaultedHttpRoute("""{ "rules": [] }""");

        Assert.Empty(route.Spec.Rules!);
    }

    [Fact]
    public void HttpRoute_RuleWithoutMatches_GetsPathPrefixSlash()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80 }] }] }""");

        var match = Assert.Single(route.Spec.Rules![0].Matches!);
        Assert.Equal(("PathPrefix", "/"), (match.Path!.Type, match.Path.Value));
    }

    [Fact]
    public void HttpRoute_EmptyMatches_StayEmpty()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "matches": [] }] }""");

        Assert.Empty(route.Spec.Rules![0].Matches!);
    }

    [Fact]
    public void HttpRoute_MatchWithoutPath_GetsPathPrefixSlash()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "matches": [{ "method": "GET" }] }] }""");

        var path = route.Spec.Rules![0].Matches![0].Path!;
        Assert.Equal(("PathPrefix", "/"), (path.Type, path.Value));
    }

    [Fact]
    public void HttpRoute_PathWithOnlyValue_GetsPathPrefix()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "matches": [{ "path": { "value": "/api" } }] }] }""");

        var path = route.Spec.Rules![0].Matches![0].Path!;
        Assert.Equal(("PathPrefix", "/api"), (path.Type, path.Value));
    }

    [Fact]
    public void HttpRoute_PathWithOnlyType_GetsSlash()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "matches": [{ "path": { "type": "Exact" } }] }] }""");

        var path = route.Spec.Rules![0].Matches![0].Path!;
        Assert.Equal(("Exact", "/"), (path.Type, path.Value));
    }

    [Fact]
    public void HttpRoute_HeaderAndQueryMatchesWithoutType_GetExact()
    {
        var route = DefaultedHttpRoute("""
            { "rules": [{ "matches": [{ "headers": [{ "name": "a", "value": "b" }, { "type": "RegularExpression", "name": "c", "value": "d" }], "queryParams": [{ "name": "q", "value": "v" }] }] }] }
            """);

        var match = route.Spec.Rules![0].Matches![0];
        Assert.Equal(["Exact", "RegularExpression"], match.Headers!.Select(h => h.Type));
        Assert.Equal("Exact", match.QueryParams![0].Type);
    }

    [Fact]
    public void HttpRoute_BackendRef_GetsCoreServiceAndWeightOne()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "backendRefs": [{ "name": "web", "port": 80 }, { "group": "example.com", "kind": "Bucket", "name": "b", "weight": 0 }] }] }""");

        var backends = route.Spec.Rules![0].BackendRefs!;
        Assert.Equal((string.Empty, "Service", 1), (backends[0].Group, backends[0].Kind, backends[0].Weight));
        Assert.Equal(("example.com", "Bucket", 0), (backends[1].Group, backends[1].Kind, backends[1].Weight));
    }

    [Fact]
    public void HttpRoute_ParentRef_GetsGatewayGroupAndKind()
    {
        var route = DefaultedHttpRoute("""{ "parentRefs": [{ "name": "gw" }, { "group": "", "kind": "Service", "name": "svc" }] }""");

        var parents = route.Spec.ParentRefs!;
        Assert.Equal(("gateway.networking.k8s.io", "Gateway"), (parents[0].Group, parents[0].Kind));
        Assert.Equal((string.Empty, "Service"), (parents[1].Group, parents[1].Kind));
    }

    [Fact]
    public void HttpRoute_RedirectWithoutStatusCode_Gets302()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "scheme": "https" } }] }] }""");

        Assert.Equal(302, route.Spec.Rules![0].Filters![0].RequestRedirect!.StatusCode);
    }

    [Fact]
    public void HttpRoute_RedirectWithStatusCode_KeepsIt()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "filters": [{ "type": "RequestRedirect", "requestRedirect": { "statusCode": 301 } }] }] }""");

        Assert.Equal(301, route.Spec.Rules![0].Filters![0].RequestRedirect!.StatusCode);
    }

    [Fact]
    public void HttpRoute_MirrorFilter_GetsServiceRefAndDenominator100()
    {
        var route = DefaultedHttpRoute("""
            { "rules": [{ "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "shadow", "port": 80 }, "fraction": { "numerator": 5 } } }] }] }
            """);

        var mirror = route.Spec.Rules![0].Filters![0].RequestMirror!;
        Assert.Equal((string.Empty, "Service"), (mirror.BackendRef!.Group, mirror.BackendRef.Kind));
        Assert.Equal(100, mirror.Fraction!.Denominator);
        Assert.Null(mirror.Percent);
    }

    [Fact]
    public void HttpRoute_CorsWithoutMaxAge_Gets5()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "filters": [{ "type": "CORS", "cors": { "allowOrigins": ["*"] } }] }] }""");

        Assert.Equal(5, route.Spec.Rules![0].Filters![0].Cors!.MaxAge);
    }

    [Fact]
    public void HttpRoute_BackendRefFilters_GetFilterDefaults()
    {
        var route = DefaultedHttpRoute("""
            { "rules": [{ "backendRefs": [{ "name": "web", "port": 80, "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 80 } } }, { "type": "CORS", "cors": {} }] }] }] }
            """);

        var filters = route.Spec.Rules![0].BackendRefs![0].Filters!;
        Assert.Equal("Service", filters[0].RequestMirror!.BackendRef!.Kind);
        Assert.Equal(5, filters[1].Cors!.MaxAge);
    }

    [Fact]
    public void HttpRoute_SessionPersistence_GetsCookieAndSessionLifetime()
    {
        var route = DefaultedHttpRoute("""{ "rules": [{ "sessionPersistence": { "cookieConfig": {} } }] }""");

        var persistence = route.Spec.Rules![0].SessionPersistence!;
        Assert.Equal(("Cookie", "Session"), (persistence.Type, persistence.CookieConfig!.LifetimeType));
    }

    [Fact]
    public void HttpRoute_StatusParentRef_GetsGatewayGroupAndKind()
    {
        var route = KubernetesJson.Deserialize<HttpRoute>("""{ "status": { "parents": [{ "parentRef": { "name": "gw" }, "controllerName": "a/b", "conditions": [] }] } }""");

        GatewayApiDefaults.HttpRoute(route);

        Assert.Equal("Gateway", route.Status!.Parents[0].ParentRef.Kind);
    }

    [Fact]
    public void HttpRoute_NoStatus_StaysWithoutStatus()
    {
        var route = DefaultedHttpRoute("{}");

        Assert.Null(route.Status);
    }

    [Fact]
    public void GrpcRoute_NoRules_StaysWithoutRules()
    {
        var route = DefaultedGrpcRoute("{}");

        Assert.Null(route.Spec.Rules);
    }

    [Fact]
    public void GrpcRoute_RuleWithoutMatches_StaysWithoutMatches()
    {
        var route = DefaultedGrpcRoute("""{ "rules": [{ "backendRefs": [{ "name": "svc", "port": 9000 }] }] }""");

        Assert.Null(route.Spec.Rules![0].Matches);
    }

    [Fact]
    public void GrpcRoute_MethodAndHeaderMatches_GetExact()
    {
        var route = DefaultedGrpcRoute("""{ "rules": [{ "matches": [{ "method": { "service": "pkg.Svc" }, "headers": [{ "name": "a", "value": "b" }] }, {}] }] }""");

        var matches = route.Spec.Rules![0].Matches!;
        Assert.Equal("Exact", matches[0].Method!.Type);
        Assert.Equal("Exact", matches[0].Headers![0].Type);
        Assert.Null(matches[1].Method);
    }

    [Fact]
    public void GrpcRoute_BackendAndParentRefs_GetDefaults()
    {
        var route = DefaultedGrpcRoute("""
            {
              "parentRefs": [{ "name": "gw" }],
              "rules": [{ "backendRefs": [{ "name": "svc", "port": 9000, "filters": [{ "type": "RequestMirror", "requestMirror": { "backendRef": { "name": "m", "port": 1 }, "fraction": { "numerator": 1 } } }] }] }]
            }
            """);

        Assert.Equal("Gateway", route.Spec.ParentRefs![0].Kind);
        var backend = route.Spec.Rules![0].BackendRefs![0];
        Assert.Equal((string.Empty, "Service", 1), (backend.Group, backend.Kind, backend.Weight));
        Assert.Equal(100, backend.Filters![0].RequestMirror!.Fraction!.Denominator);
    }

    [Fact]
    public void TlsRoute_Refs_GetDefaults()
    {
        var route = KubernetesJson.Deserialize<TlsRoute>("""{ "spec": { "parentRefs": [{ "name": "gw" }], "rules": [{ "backendRefs": [{ "name": "s", "port": 443 }] }] } }""");

        GatewayApiDefaults.TlsRoute(route);

        Assert.Equal(("gateway.networking.k8s.io", "Gateway"), (route.Spec.ParentRefs![0].Group, route.Spec.ParentRefs[0].Kind));
        var backend = route.Spec.Rules![0].BackendRefs![0];
        Assert.Equal((string.Empty, "Service", 1), (backend.Group, backend.Kind, backend.Weight));
    }

    [Fact]
    public void BackendTlsPolicy_StatusAncestorRef_GetsGatewayGroupAndKind()
    {
        var policy = KubernetesJson.Deserialize<BackendTlsPolicy>("""{ "status": { "ancestors": [{ "ancestorRef": { "name": "gw" }, "controllerName": "a/b", "conditions": [] }] } }""");

        GatewayApiDefaults.BackendTlsPolicy(policy);

        Assert.Equal(("gateway.networking.k8s.io", "Gateway"), (policy.Status!.Ancestors[0].AncestorRef.Group, policy.Status.Ancestors[0].AncestorRef.Kind));
    }

    private static Gateway DefaultedGateway(string specJson)
    {
        var gateway = KubernetesJson.Deserialize<Gateway>($$"""{ "spec": {{specJson}} }""");
        GatewayApiDefaults.Gateway(gateway);
        return gateway;
    }

    private static HttpRoute DefaultedHttpRoute(string specJson)
    {
        var route = KubernetesJson.Deserialize<HttpRoute>($$"""{ "spec": {{specJson}} }""");
        GatewayApiDefaults.HttpRoute(route);
        return route;
    }

    private static GrpcRoute DefaultedGrpcRoute(string specJson)
    {
        var route = KubernetesJson.Deserialize<GrpcRoute>($$"""{ "spec": {{specJson}} }""");
        GatewayApiDefaults.GrpcRoute(route);
        return route;
    }
}
