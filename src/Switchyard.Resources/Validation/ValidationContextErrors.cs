using System.Globalization;
using System.Text;

namespace Switchyard.Resources.Validation;

/// <summary>
/// Field errors worded as the API server words them (apimachinery <c>field.Error.ErrorBody</c>), so a rejected manifest
/// reads the same as <c>kubectl apply</c> would print it.
/// </summary>
internal static class ValidationContextErrors
{
    /// <summary><c>Required value: detail</c>.</summary>
    public static void Required(this ValidationContext ctx, string path, string detail) =>
        ctx.Error(path, WithDetail("Required value", detail));

    /// <summary><c>Invalid value: "value": detail</c>.</summary>
    public static void Invalid(this ValidationContext ctx, string path, string? value, string detail) =>
        ctx.Error(path, WithDetail("Invalid value: " + GoFormat.Quote(value ?? string.Empty), detail));

    /// <summary><c>Invalid value: 42: detail</c>.</summary>
    public static void Invalid(this ValidationContext ctx, string path, long value, string detail) =>
        ctx.Error(path, WithDetail("Invalid value: " + value.ToString(CultureInfo.InvariantCulture), detail));

    /// <summary>Invalid value already rendered the way Go renders non-scalar values (JSON or <c>%#v</c>).</summary>
    public static void InvalidRendered(this ValidationContext ctx, string path, string renderedValue, string detail) =>
        ctx.Error(path, WithDetail("Invalid value: " + renderedValue, detail));

    /// <summary><c>Unsupported value: "value": supported values: "a", "b"</c>.</summary>
    public static void NotSupported(this ValidationContext ctx, string path, string? value, params ReadOnlySpan<string> supported)
    {
        var message = new StringBuilder("Unsupported value: ").Append(GoFormat.Quote(value ?? string.Empty));
        if (supported.Length > 0)
        {
            message.Append(": supported values: ");
            for (var i = 0; i < supported.Length; i++)
            {
                if (i > 0)
                {
                    message.Append(", ");
                }

                message.Append(GoFormat.Quote(supported[i]));
            }
        }

        ctx.Error(path, message.ToString());
    }

    /// <summary><c>Duplicate value: "value"</c>.</summary>
    public static void Duplicate(this ValidationContext ctx, string path, string value) =>
        ctx.Error(path, "Duplicate value: " + GoFormat.Quote(value));

    /// <summary><c>Duplicate value: 42</c>.</summary>
    public static void Duplicate(this ValidationContext ctx, string path, long value) =>
        ctx.Error(path, "Duplicate value: " + value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Duplicate value already rendered the way Go renders non-scalar values.</summary>
    public static void DuplicateRendered(this ValidationContext ctx, string path, string renderedValue) =>
        ctx.Error(path, "Duplicate value: " + renderedValue);

    /// <summary><c>Forbidden: detail</c>.</summary>
    public static void Forbidden(this ValidationContext ctx, string path, string detail) =>
        ctx.Error(path, WithDetail("Forbidden", detail));

    /// <summary><c>Too long: may not be more than N bytes</c>.</summary>
    public static void TooLong(this ValidationContext ctx, string path, int maxBytes) =>
        ctx.Error(path, "Too long: may not be more than " + maxBytes.ToString(CultureInfo.InvariantCulture) + (maxBytes == 1 ? " byte" : " bytes"));

    /// <summary><c>Too many: 101: must have at most 100 items</c>.</summary>
    public static void TooMany(this ValidationContext ctx, string path, int actual, int max) =>
        ctx.Error(path, "Too many: " + actual.ToString(CultureInfo.InvariantCulture) + ": must have at most " +
            max.ToString(CultureInfo.InvariantCulture) + (max == 1 ? " item" : " items"));

    private static string WithDetail(string body, string detail) => detail.Length == 0 ? body : body + ": " + detail;
}
