using Switchyard.Resources.Model;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Tests.Core;

/// <summary>Runs an object through its kind's defaulting and validation, as the loader does, and checks the errors.</summary>
internal static class Validate
{
    public static IReadOnlyList<FieldError> Object<T>(T obj)
        where T : class
    {
        var kind = KindRegistry.For<T>();
        kind.Default?.Invoke(obj);
        var ctx = new ValidationContext();
        kind.Validate!(obj, ctx);
        return ctx.Errors;
    }

    public static IReadOnlyList<FieldError> Json<T>(string json)
        where T : class => Object(Manifest.Parse<T>(json));

    /// <summary>Asserts exactly these errors, in this order.</summary>
    public static void Errors(IReadOnlyList<FieldError> actual, params (string Path, string Message)[] expected) =>
        Assert.Equal(expected.Select(e => new FieldError(e.Path, e.Message)), actual);

    /// <summary>Asserts exactly one error.</summary>
    public static void Error(IReadOnlyList<FieldError> actual, string path, string message) => Errors(actual, (path, message));

    /// <summary>Asserts no errors.</summary>
    public static void Valid(IReadOnlyList<FieldError> actual) => Assert.Empty(actual);
}
