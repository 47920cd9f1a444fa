using k8s;
using Switchyard.Resources.Model;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.GatewayApi;

/// <summary>Loads a Gateway API object from JSON and runs defaulting then validation, as the loader does.</summary>
internal static class GatewayApiFixture
{
    public static IReadOnlyList<FieldError> Validate<T>(string spec, string? apiVersion = null)
    {
        var kind = KindRegistry.For<T>();
        var json = $$"""{ "apiVersion": "{{apiVersion ?? kind.StoredApiVersion}}", "kind": "{{kind.Kind}}", "metadata": { "name": "x"{{(kind.Namespaced ? ", \"namespace\": \"default\"" : string.Empty)}} }, "spec": {{spec}} }""";
        var obj = KubernetesJson.Deserialize<T>(json)!;
        kind.Default?.Invoke(obj);
        var ctx = new ValidationContext();
        kind.Validate!(obj, ctx);
        return ctx.Errors;
    }

    public static void AssertError(IReadOnlyList<FieldError> errors, string path, string message) =>
        Assert.True(errors.Contains(new FieldError(path, message)), $"expected {path}: {message}\nactual:\n{Describe(errors)}");

    public static void AssertValid(IReadOnlyList<FieldError> errors) =>
        Assert.True(errors.Count == 0, $"expected no errors, got:\n{Describe(errors)}");

    /// <summary>A JSON array of <paramref name="count"/> items made by <paramref name="item"/>.</summary>
    public static string Array(int count, Func<int, string> item) => "[" + string.Join(",", Enumerable.Range(0, count).Select(item)) + "]";

    private static string Describe(IReadOnlyList<FieldError> errors) => string.Join("\n", errors.Select(e => $"  {e.Path}: {e.Message}"));
}
