using k8s.Models;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

public sealed class NamespaceSecretConfigMapValidationTests
{
    [Fact]
    public void Namespace_Valid_NoErrors() =>
        Validate.Valid(Namespace("""{"metadata":{"name":"team-a"},"spec":{"finalizers":["kubernetes","example.com/cleanup"]}}"""));

    [Fact]
    public void Namespace_NameWithDot_InvalidDnsLabel() =>
        Validate.Error(Namespace("""{"metadata":{"name":"team.a"}}"""), "metadata.name", "Invalid value: \"team.a\": must not contain dots");

    [Fact]
    public void Namespace_UppercaseName_InvalidDnsLabel() =>
        Validate.Error(Namespace("""{"metadata":{"name":"Team"}}"""), "metadata.name", "Invalid value: \"Team\": " + Expected.Dns1123Label);

    [Fact]
    public void Namespace_UnqualifiedNonStandardFinalizer_Invalid() =>
        Validate.Error(Namespace("""{"metadata":{"name":"a"},"spec":{"finalizers":["cleanup"]}}"""),
            "spec.finalizers", "Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified");

    [Fact]
    public void Namespace_BadFinalizer_InvalidQualifiedName() =>
        Validate.Error(Namespace("""{"metadata":{"name":"a"},"spec":{"finalizers":["example.com/-x"]}}"""),
            "spec.finalizers", "Invalid value: \"example.com/-x\": " + Expected.LabelKeyName);

    [Fact]
    public void Secret_TlsWithCertAndKey_NoErrors() =>
        Validate.Valid(Secret("""{"type":"kubernetes.io/tls","data":{"tls.crt":"Y2VydA==","tls.key":"a2V5"}}"""));

    [Fact]
    public void Secret_TlsFromStringData_NoErrors() =>
        Validate.Valid(Secret("""{"type":"kubernetes.io/tls","stringData":{"tls.crt":"cert","tls.key":"key"}}"""));

    [Fact]
    public void Secret_TlsWithoutCertAndKey_BothRequired() =>
        Validate.Errors(Secret("""{"type":"kubernetes.io/tls","data":{}}"""),
            ("data[tls.crt]", "Required value"), ("data[tls.key]", "Required value"));

    [Fact]
    public void Secret_TlsWithEmptyKey_Accepted() =>
        Validate.Valid(Secret("""{"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}"""));

    [Fact]
    public void Secret_BadDataKey_Invalid() =>
        Validate.Error(Secret("""{"data":{"a/b":"eA=="}}"""), "data[a/b]", "Invalid value: \"a/b\": " + Expected.ConfigKey);

    [Fact]
    public void Secret_DataOver1MiB_TooLong() =>
        Validate.Error(Secret("{\"data\":{\"a\":\"" + Convert.ToBase64String(new byte[(1024 * 1024) + 1]) + "\"}}"), "data", "Too long: may not be more than 1048576 bytes");

    [Fact]
    public void Secret_BasicAuthWithoutUsernameOrPassword_Required() =>
        Validate.Errors(Secret("""{"type":"kubernetes.io/basic-auth"}"""), ("data[username]", "Required value"), ("data[password]", "Required value"));

    [Fact]
    public void Secret_BasicAuthWithPasswordOnly_Accepted() =>
        Validate.Valid(Secret("""{"type":"kubernetes.io/basic-auth","stringData":{"password":"p"}}"""));

    [Fact]
    public void Secret_SshAuthWithoutKey_Required() =>
        Validate.Error(Secret("""{"type":"kubernetes.io/ssh-auth"}"""), "data[ssh-privatekey]", "Required value");

    [Fact]
    public void Secret_ServiceAccountTokenWithoutAnnotation_Required() =>
        Validate.Error(Secret("""{"type":"kubernetes.io/service-account-token"}"""),
            "metadata.annotations[kubernetes.io/service-account.name]", "Required value");

    [Fact]
    public void Secret_DockerConfigJsonWithoutKey_Required() =>
        Validate.Error(Secret("""{"type":"kubernetes.io/dockerconfigjson"}"""), "data[.dockerconfigjson]", "Required value");

    [Fact]
    public void Secret_CustomType_NoKeysRequired() =>
        Validate.Valid(Secret("""{"type":"example.com/custom"}"""));

    [Fact]
    public void ConfigMap_BadDataKey_Invalid() =>
        Validate.Error(ConfigMap("""{"data":{"a b":"x"}}"""), "data[a b]", "Invalid value: \"a b\": " + Expected.ConfigKey);

    [Fact]
    public void ConfigMap_BadBinaryDataKey_Invalid() =>
        Validate.Error(ConfigMap("""{"binaryData":{"..x":"eA=="}}"""), "binaryData[..x]", "Invalid value: \"..x\": must not start with '..'");

    [Fact]
    public void ConfigMap_KeyInDataAndBinaryData_Invalid() =>
        Validate.Error(ConfigMap("""{"data":{"ca.crt":"x"},"binaryData":{"ca.crt":"eA=="}}"""), "data[ca.crt]", "Invalid value: \"ca.crt\": duplicate of key present in binaryData");

    [Fact]
    public void ConfigMap_Over1MiB_TooLongOnWholeObject() =>
        Validate.Error(ConfigMap("{\"data\":{\"a\":\"" + new string('x', (1024 * 1024) + 1) + "\"}}"), "[]", "Too long: may not be more than 1048576 bytes");

    [Fact]
    public void ConfigMap_ValidKeys_NoErrors() =>
        Validate.Valid(ConfigMap("""{"data":{"ca.crt":"x","KEY_1":"y"},"binaryData":{"blob":"eA=="}}"""));

    private static IReadOnlyList<FieldError> Namespace(string body) =>
        Validate.Json<V1Namespace>("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\"," + body.TrimStart('{'));

    private static IReadOnlyList<FieldError> Secret(string body) =>
        Validate.Json<V1Secret>("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"a\"}," + body.TrimStart('{'));

    private static IReadOnlyList<FieldError> ConfigMap(string body) =>
        Validate.Json<V1ConfigMap>("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"a\"}," + body.TrimStart('{'));
}
