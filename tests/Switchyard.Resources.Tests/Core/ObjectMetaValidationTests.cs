using k8s.Models;

namespace Switchyard.Resources.Tests.Core;

/// <summary>Metadata rules, exercised through ConfigMaps (DNS subdomain names) and the kinds with other name formats.</summary>
public sealed class ObjectMetaValidationTests
{
    [Fact]
    public void ConfigMap_ValidMetadata_NoErrors() =>
        Validate.Valid(ConfigMap("""{"name":"web.config","namespace":"team-a","labels":{"app":"web","example.com/tier":""},"annotations":{"Example.com/Note":"x"}}"""));

    [Fact]
    public void ConfigMap_NoName_Required() =>
        Validate.Error(ConfigMap("""{"namespace":"default"}"""), "metadata.name", "Required value: name or generateName is required");

    [Fact]
    public void ConfigMap_BadName_Invalid() =>
        Validate.Error(ConfigMap("""{"name":"Web","namespace":"default"}"""), "metadata.name", "Invalid value: \"Web\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void ConfigMap_GenerateNameWithTrailingDash_Accepted() =>
        Validate.Valid(ConfigMap("""{"name":"web-x1","generateName":"web-","namespace":"default"}"""));

    [Fact]
    public void ConfigMap_BadGenerateName_Invalid() =>
        Validate.Error(ConfigMap("""{"name":"web-x1","generateName":"Web-","namespace":"default"}"""),
            "metadata.generateName", "Invalid value: \"Web-\": " + Expected.Dns1123Subdomain);

    [Fact]
    public void ConfigMap_NoNamespace_Required() =>
        Validate.Error(ConfigMap("""{"name":"web"}"""), "metadata.namespace", "Required value");

    [Fact]
    public void ConfigMap_BadNamespace_InvalidDnsLabel() =>
        Validate.Error(ConfigMap("""{"name":"web","namespace":"team.a"}"""), "metadata.namespace", "Invalid value: \"team.a\": must not contain dots");

    [Fact]
    public void ConfigMap_NegativeGeneration_Invalid() =>
        Validate.Error(ConfigMap("""{"name":"web","namespace":"a","generation":-1}"""), "metadata.generation", "Invalid value: -1: must be greater than or equal to 0");

    [Fact]
    public void ConfigMap_BadLabelKey_InvalidAtLabels() =>
        Validate.Error(ConfigMap("""{"name":"web","namespace":"a","labels":{"-app":"web"}}"""), "metadata.labels", "Invalid value: \"-app\": " + Expected.LabelKeyName);

    [Fact]
    public void ConfigMap_BadLabelValue_InvalidAtLabels() =>
        Validate.Error(ConfigMap("""{"name":"web","namespace":"a","labels":{"app":"web site"}}"""), "metadata.labels", "Invalid value: \"web site\": " + Expected.LabelValue);

    [Fact]
    public void ConfigMap_LongLabelValue_InvalidInBytes() =>
        Validate.Error(ConfigMap("{\"name\":\"web\",\"namespace\":\"a\",\"labels\":{\"app\":\"" + new string('a', 64) + "\"}}"),
            "metadata.labels", "Invalid value: \"" + new string('a', 64) + "\": must be no more than 63 bytes");

    [Fact]
    public void ConfigMap_BadAnnotationKey_InvalidAtAnnotations() =>
        Validate.Error(ConfigMap("""{"name":"web","namespace":"a","annotations":{"a b":"x"}}"""), "metadata.annotations", "Invalid value: \"a b\": " + Expected.LabelKeyName);

    [Fact]
    public void ConfigMap_AnnotationsOver256KiB_TooLong() =>
        Validate.Error(ConfigMap("{\"name\":\"web\",\"namespace\":\"a\",\"annotations\":{\"big\":\"" + new string('x', 256 * 1024) + "\"}}"),
            "metadata.annotations", "Too long: may not be more than 262144 bytes");

    [Fact]
    public void ConfigMap_AnnotationsAt256KiB_Accepted() =>
        Validate.Valid(ConfigMap("{\"name\":\"web\",\"namespace\":\"a\",\"annotations\":{\"big\":\"" + new string('x', (256 * 1024) - 3) + "\"}}"));

    [Fact]
    public void Service_NameStartingWithDigit_InvalidDns1035() =>
        Validate.Error(Validate.Json<V1Service>("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"1web","namespace":"a"},"spec":{"ports":[{"port":80}]}}"""),
            "metadata.name", "Invalid value: \"1web\": " + Expected.Dns1035Label);

    [Fact]
    public void Service_NameWithDot_InvalidDns1035() =>
        Validate.Error(Validate.Json<V1Service>("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web.a","namespace":"a"},"spec":{"ports":[{"port":80}]}}"""),
            "metadata.name", "Invalid value: \"web.a\": " + Expected.Dns1035Label);

    [Fact]
    public void Service_LongName_MaxLength() =>
        Validate.Error(Validate.Json<V1Service>("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + new string('a', 64) + "\",\"namespace\":\"a\"},\"spec\":{\"ports\":[{\"port\":80}]}}"),
            "metadata.name", "Invalid value: \"" + new string('a', 64) + "\": must be no more than 63 characters");

    [Fact]
    public void IngressClass_Namespace_Cleared() =>
        Validate.Valid(Validate.Json<V1IngressClass>("""{"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"c","namespace":"default"},"spec":{"controller":"example.com/c"}}"""));

    [Fact]
    public void Namespace_WithNamespaceWithoutDefaults_Forbidden()
    {
        var ctx = new Switchyard.Resources.Validation.ValidationContext();
        Switchyard.Resources.Validation.CoreValidation.Namespace(Manifest.Parse<V1Namespace>("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","namespace":"b"}}"""), ctx);
        Validate.Error(ctx.Errors, "metadata.namespace", "Forbidden: not allowed on this type");
    }

    private static IReadOnlyList<Switchyard.Resources.Validation.FieldError> ConfigMap(string metadata) =>
        Validate.Json<V1ConfigMap>("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":" + metadata + "}");
}
