using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class IngressValidationTests
{
    private const string Backend = "\"backend\":{\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}";

    [Theory]
    [InlineData("""{"defaultBackend":{"service":{"name":"web","port":{"name":"http"}}}}""")]
    [InlineData("""{"ingressClassName":"nginx","rules":[{"host":"www.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}},{"path":"/api/v1","pathType":"Exact","backend":{"service":{"name":"api","port":{"name":"http"}}}}]}}]}""")]
    [InlineData("""{"rules":[{"host":"*.example.com","http":{"paths":[{"pathType":"ImplementationSpecific","backend":{"resource":{"apiGroup":"k8s.example.com","kind":"StorageBucket","name":"static"}}}]}}]}""")]
    [InlineData("""{"rules":[{"host":"www.example.com"}]}""")]
    [InlineData("""{"tls":[{"hosts":["www.example.com","*.example.com"],"secretName":"web-tls"}],"rules":[{"http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}""")]
    public void Ingress_Valid_NoErrors(string spec) => Validate.Valid(Ingress(spec));

    [Fact]
    public void Ingress_NoRulesOrDefaultBackend_Invalid() =>
        Validate.Error(Ingress("""{}"""), "spec", "Invalid value: null: either `defaultBackend` or `rules` must be specified");

    [Fact]
    public void Ingress_EmptyRules_Invalid() =>
        Validate.Error(Ingress("""{"rules":[]}"""), "spec", "Invalid value: []: either `defaultBackend` or `rules` must be specified");

    [Fact]
    public void Ingress_IPHost_Invalid() =>
        Validate.Errors(Ingress("""{"rules":[{"host":"192.0.2.1"}]}"""),
            ("spec.rules[0].host", "Invalid value: \"192.0.2.1\": must be a DNS name, not an IP address"));

    [Fact]
    public void Ingress_UppercaseHost_Invalid() =>
        Validate.Error(Ingress("""{"rules":[{"host":"WWW.example.com"}]}"""), "spec.rules[0].host", "Invalid value: \"WWW.example.com\": " + Expected.Dns1123Subdomain);

    [Theory]
    [InlineData("www.*.example.com")]
    [InlineData("*")]
    [InlineData("*w.example.com")]
    public void Ingress_WildcardNotLeftmost_Invalid(string host) =>
        Validate.Error(Ingress("{\"rules\":[{\"host\":\"" + host + "\"}]}"), "spec.rules[0].host", $"Invalid value: \"{host}\": " + Expected.WildcardSubdomain);

    [Fact]
    public void Ingress_HttpWithoutPaths_Required() =>
        Validate.Error(Ingress("""{"rules":[{"http":{"paths":[]}}]}"""), "spec.rules[0].http.paths", "Required value");

    [Fact]
    public void Ingress_PathWithoutPathType_Required() =>
        Validate.Error(Ingress("{\"rules\":[{\"http\":{\"paths\":[{\"path\":\"/\"," + Backend + "}]}}]}"), "spec.rules[0].http.paths[0].pathType", "Required value: pathType must be specified");

    [Fact]
    public void Ingress_UnknownPathType_Unsupported() =>
        Validate.Error(Path("Regex", "/"), "spec.rules[0].http.paths[0].pathType",
            "Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"");

    [Theory]
    [InlineData("Exact")]
    [InlineData("Prefix")]
    public void Ingress_RelativePath_Invalid(string pathType) =>
        Validate.Error(Path(pathType, "api"), "spec.rules[0].http.paths[0].path", "Invalid value: \"api\": must be an absolute path");

    [Theory]
    [InlineData("Exact")]
    [InlineData("Prefix")]
    public void Ingress_EmptyPathForExactOrPrefix_Invalid(string pathType) =>
        Validate.Error(Path(pathType, string.Empty), "spec.rules[0].http.paths[0].path", "Invalid value: \"\": must be an absolute path");

    [Fact]
    public void Ingress_RelativeImplementationSpecificPath_Invalid() =>
        Validate.Error(Path("ImplementationSpecific", "api"), "spec.rules[0].http.paths[0].path", "Invalid value: \"api\": must be an absolute path");

    [Fact]
    public void Ingress_EmptyImplementationSpecificPath_Accepted() => Validate.Valid(Path("ImplementationSpecific", string.Empty));

    [Theory]
    [InlineData("/a//b", "must not contain '//'")]
    [InlineData("/a/./b", "must not contain '/./'")]
    [InlineData("/a/../b", "must not contain '/../'")]
    [InlineData("/a%2fb", "must not contain '%2f'")]
    [InlineData("/a%2Fb", "must not contain '%2F'")]
    [InlineData("/a/..", "cannot end with '/..'")]
    [InlineData("/a/.", "cannot end with '/.'")]
    public void Ingress_PathWithDotSegmentsOrEncodedSlash_Invalid(string path, string message) =>
        Validate.Error(Path("Prefix", path), "spec.rules[0].http.paths[0].path", $"Invalid value: \"{path}\": {message}");

    [Fact]
    public void Ingress_BackendWithServiceAndResource_Invalid() =>
        Validate.Error(PathBackend("""{"service":{"name":"web","port":{"number":80}},"resource":{"kind":"Bucket","name":"b"}}"""),
            "spec.rules[0].http.paths[0].backend", "Invalid value: \"\": cannot set both resource and service backends");

    [Fact]
    public void Ingress_EmptyBackend_Invalid() =>
        Validate.Error(PathBackend("{}"), "spec.rules[0].http.paths[0].backend", "Invalid value: \"\": resource or service backend is required");

    [Fact]
    public void Ingress_ServiceBackendWithoutName_Required() =>
        Validate.Error(PathBackend("""{"service":{"port":{"number":80}}}"""), "spec.rules[0].http.paths[0].backend.service.name", "Required value");

    [Fact]
    public void Ingress_ServiceBackendBadName_InvalidDns1035() =>
        Validate.Error(PathBackend("""{"service":{"name":"1web","port":{"number":80}}}"""), "spec.rules[0].http.paths[0].backend.service.name", "Invalid value: \"1web\": " + Expected.Dns1035Label);

    [Fact]
    public void Ingress_ServicePortNameAndNumber_Invalid() =>
        Validate.Error(PathBackend("""{"service":{"name":"web","port":{"name":"http","number":80}}}"""), "spec.rules[0].http.paths[0].backend", "Invalid value: \"\": cannot set both port name & port number");

    [Fact]
    public void Ingress_ServicePortNeither_Required() =>
        Validate.Error(PathBackend("""{"service":{"name":"web","port":{}}}"""), "spec.rules[0].http.paths[0].backend", "Required value: port name or number is required");

    [Fact]
    public void Ingress_ServicePortNumberOutOfRange_Invalid() =>
        Validate.Error(PathBackend("""{"service":{"name":"web","port":{"number":70000}}}"""), "spec.rules[0].http.paths[0].backend.service.port.number", "Invalid value: 70000: " + Expected.PortRange);

    [Fact]
    public void Ingress_ServicePortBadName_Invalid() =>
        Validate.Error(PathBackend("""{"service":{"name":"web","port":{"name":"8080"}}}"""), "spec.rules[0].http.paths[0].backend.service.port.name", "Invalid value: \"8080\": must contain at least one letter (a-z)");

    [Fact]
    public void Ingress_ResourceBackendWithoutKindOrName_Required() =>
        Validate.Errors(PathBackend("""{"resource":{"apiGroup":"k8s.example.com"}}"""),
            ("spec.rules[0].http.paths[0].backend.resource.kind", "Required value"),
            ("spec.rules[0].http.paths[0].backend.resource.name", "Required value"));

    [Fact]
    public void Ingress_ResourceBackendNameWithSlash_Invalid() =>
        Validate.Error(PathBackend("""{"resource":{"kind":"Bucket","name":"a/b"}}"""), "spec.rules[0].http.paths[0].backend.resource.name", "Invalid value: \"a/b\": may not contain '/'");

    [Fact]
    public void Ingress_DefaultBackendInvalid_ReportedAtDefaultBackend() =>
        Validate.Error(Ingress("""{"defaultBackend":{"service":{"name":"web"}}}"""), "spec.defaultBackend", "Required value: port name or number is required");

    [Fact]
    public void Ingress_BadTlsHost_Invalid() =>
        Validate.Error(Ingress("{\"tls\":[{\"hosts\":[\"a.*.example.com\"]}],\"rules\":[{\"host\":\"www.example.com\"}]}"), "spec.tls[0].hosts[0]",
            "Invalid value: \"a.*.example.com\": " + Expected.WildcardSubdomain);

    [Fact]
    public void Ingress_BadTlsSecretName_Invalid() =>
        Validate.Error(Ingress("""{"tls":[{"secretName":"Web_TLS"}],"rules":[{"host":"www.example.com"}]}"""), "spec.tls[0].secretName", "Invalid value: \"Web_TLS\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void Ingress_BadIngressClassName_Invalid() =>
        Validate.Error(Ingress("""{"ingressClassName":"Nginx","rules":[{"host":"www.example.com"}]}"""), "spec.ingressClassName", "Invalid value: \"Nginx\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void Ingress_ClassAnnotationDisagrees_Invalid()
    {
        var errors = Validate.Json<V1Ingress>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"a","annotations":{"kubernetes.io/ingress.class":"traefik"}},
             "spec":{"ingressClassName":"nginx","rules":[{"host":"www.example.com"}]}}
            """);
        Validate.Error(errors, "annotations.kubernetes.io/ingress.class", "Invalid value: \"traefik\": must match `ingressClassName` when both are specified");
    }

    [Fact]
    public void Ingress_ClassAnnotationAgrees_Accepted()
    {
        var errors = Validate.Json<V1Ingress>("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"a","annotations":{"kubernetes.io/ingress.class":"nginx"}},
             "spec":{"ingressClassName":"nginx","rules":[{"host":"www.example.com"}]}}
            """);
        Validate.Valid(errors);
    }

    [Theory]
    [InlineData("""{"controller":"example.com/ingress-controller"}""")]
    [InlineData("""{"controller":"example.com/ingress","parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb"}}""")]
    [InlineData("""{"controller":"example.com/ingress","parameters":{"kind":"ConfigMap","name":"p","scope":"Namespace","namespace":"ingress"}}""")]
    public void IngressClass_Valid_NoErrors(string spec) => Validate.Valid(IngressClass(spec));

    [Fact]
    public void IngressClass_NoController_Required() =>
        Validate.Error(IngressClass("""{}"""), "spec.controller", "Required value");

    [Fact]
    public void IngressClass_ControllerWithoutDomain_Invalid() =>
        Validate.Error(IngressClass("""{"controller":"nginx"}"""), "spec.controller", "Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")");

    [Fact]
    public void IngressClass_ControllerBadDomain_Invalid() =>
        Validate.Error(IngressClass("""{"controller":"Example.com/nginx"}"""), "spec.controller", "Invalid value: \"Example.com\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void IngressClass_ControllerTooLong_TooLong() =>
        Validate.Error(IngressClass("{\"controller\":\"example.com/" + new string('a', 239) + "\"}"), "spec.controller", "Too long: may not be more than 250 bytes");

    [Fact]
    public void IngressClass_ControllerAt250_Accepted() =>
        Validate.Valid(IngressClass("{\"controller\":\"example.com/" + new string('a', 238) + "\"}"));

    [Fact]
    public void IngressClass_ParametersWithoutKindOrName_Required() =>
        Validate.Errors(IngressClass("""{"controller":"example.com/c","parameters":{"apiGroup":"k8s.example.com"}}"""),
            ("spec.parameters.kind", "Required value"), ("spec.parameters.name", "Required value"));

    [Fact]
    public void IngressClass_ParametersBadApiGroup_Invalid() =>
        Validate.Error(IngressClass("""{"controller":"example.com/c","parameters":{"apiGroup":"K8s","kind":"P","name":"p"}}"""), "spec.parameters.apiGroup", "Invalid value: \"K8s\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void IngressClass_UnknownScope_Unsupported() =>
        Validate.Error(IngressClass("""{"controller":"example.com/c","parameters":{"kind":"P","name":"p","scope":"Global"}}"""), "spec.parameters.scope",
            "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespace\"");

    [Fact]
    public void IngressClass_NamespaceScopeWithoutNamespace_Required() =>
        Validate.Error(IngressClass("""{"controller":"example.com/c","parameters":{"kind":"P","name":"p","scope":"Namespace"}}"""), "spec.parameters.namespace",
            "Required value: `parameters.scope` is set to 'Namespace'");

    [Fact]
    public void IngressClass_NamespaceScopeBadNamespace_Invalid() =>
        Validate.Error(IngressClass("""{"controller":"example.com/c","parameters":{"kind":"P","name":"p","scope":"Namespace","namespace":"a.b"}}"""), "spec.parameters.namespace",
            "Invalid value: \"a.b\": must not contain dots");

    [Fact]
    public void IngressClass_ClusterScopeWithNamespace_Forbidden() =>
        Validate.Error(IngressClass("""{"controller":"example.com/c","parameters":{"kind":"P","name":"p","namespace":"a"}}"""), "spec.parameters.namespace",
            "Forbidden: `parameters.scope` is set to 'Cluster'");

    [Fact]
    public void IngressClass_ScopeMissingWithoutDefaults_Required()
    {
        var ctx = new ValidationContext();
        CoreValidation.IngressClass(Manifest.Parse<V1IngressClass>("""{"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"c"},"spec":{"controller":"example.com/c","parameters":{"kind":"P","name":"p"}}}"""), ctx);
        Validate.Error(ctx.Errors, "spec.parameters.scope", "Required value");
    }

    private static IReadOnlyList<FieldError> Ingress(string spec) =>
        Validate.Json<V1Ingress>("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"web\",\"namespace\":\"a\"},\"spec\":" + spec + "}");

    private static IReadOnlyList<FieldError> Path(string pathType, string path) =>
        Ingress("{\"rules\":[{\"http\":{\"paths\":[{\"path\":\"" + path + "\",\"pathType\":\"" + pathType + "\"," + Backend + "}]}}]}");

    private static IReadOnlyList<FieldError> PathBackend(string backend) =>
        Ingress("{\"rules\":[{\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":" + backend + "}]}}]}");

    private static IReadOnlyList<FieldError> IngressClass(string spec) =>
        Validate.Json<V1IngressClass>("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"IngressClass\",\"metadata\":{\"name\":\"c\"},\"spec\":" + spec + "}");
}
