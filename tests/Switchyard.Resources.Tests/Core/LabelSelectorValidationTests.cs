using k8s.Models;

namespace Switchyard.Resources.Tests.Core;

/// <summary>Label selector rules, exercised through a NetworkPolicy's podSelector.</summary>
public sealed class LabelSelectorValidationTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"matchLabels":{"app":"web"}}""")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"example.com/app","operator":"Exists"}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"DoesNotExist","values":[]}]}""")]
    public void Selector_Valid_NoErrors(string selector) => Validate.Valid(Policy(selector));

    [Fact]
    public void Selector_BadMatchLabelKey_Invalid() =>
        Validate.Error(Policy("""{"matchLabels":{"a/b/c":"web"}}"""), "spec.podSelector.matchLabels",
            "Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
            "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");

    [Fact]
    public void Selector_BadMatchLabelValue_Invalid() =>
        Validate.Error(Policy("""{"matchLabels":{"app":"-web"}}"""), "spec.podSelector.matchLabels", "Invalid value: \"-web\": " + Expected.LabelValue);

    [Theory]
    [InlineData("In")]
    [InlineData("NotIn")]
    public void Selector_InWithoutValues_Required(string op) =>
        Validate.Error(Policy("{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"" + op + "\"}]}"),
            "spec.podSelector.matchExpressions[0].values", "Required value: must be specified when `operator` is 'In' or 'NotIn'");

    [Theory]
    [InlineData("Exists")]
    [InlineData("DoesNotExist")]
    public void Selector_ExistsWithValues_Forbidden(string op) =>
        Validate.Error(Policy("{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"" + op + "\",\"values\":[\"web\"]}]}"),
            "spec.podSelector.matchExpressions[0].values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");

    [Fact]
    public void Selector_UnknownOperator_Invalid() =>
        Validate.Error(Policy("""{"matchExpressions":[{"key":"app","operator":"Equals","values":["web"]}]}"""),
            "spec.podSelector.matchExpressions[0].operator", "Invalid value: \"Equals\": not a valid selector operator");

    [Fact]
    public void Selector_BadExpressionKey_Invalid() =>
        Validate.Error(Policy("""{"matchExpressions":[{"key":"-app","operator":"Exists"}]}"""),
            "spec.podSelector.matchExpressions[0].key", "Invalid value: \"-app\": " + Expected.LabelKeyName);

    [Fact]
    public void Selector_BadExpressionValue_InvalidAtIndex() =>
        Validate.Error(Policy("""{"matchExpressions":[{"key":"app","operator":"In","values":["web","a b"]}]}"""),
            "spec.podSelector.matchExpressions[0].values[1]", "Invalid value: \"a b\": " + Expected.LabelValue);

    private static IReadOnlyList<Switchyard.Resources.Validation.FieldError> Policy(string selector) =>
        Validate.Json<V1NetworkPolicy>("{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\",\"namespace\":\"a\"},\"spec\":{\"podSelector\":" + selector + "}}");
}
