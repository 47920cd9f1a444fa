using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Switchyard.Resources.Validation;

/// <summary>
/// The API server's OpenAPI schema and CEL checks for custom resources, with its error texts (kube-openapi
/// errors converted to field errors), so standalone mode rejects exactly what a cluster would, in its words.
/// </summary>
public static class CrdSchemaChecks
{
    /// <summary>Reports a missing required field; true when the value is present.</summary>
    public static bool Present<T>(this ValidationContext ctx, string path, [NotNullWhen(true)] T? value)
    {
        if (value is null)
        {
            ctx.Required(path);
            return false;
        }

        return true;
    }

    /// <summary>A string with optional length limits (characters) and pattern, as a CRD string property.</summary>
    public static void String(this ValidationContext ctx, string path, string? value, int minLength = 0, int maxLength = int.MaxValue, CrdPattern? pattern = null)
    {
        if (value is null)
        {
            return;
        }

        // OpenAPI counts characters (runes), although the message says bytes.
        var length = RuneCount(value);
        if (length > maxLength)
        {
            ctx.Error(path, $"Too long: may not be more than {maxLength} bytes");
        }

        if (length < minLength)
        {
            ctx.Error(path, $"Invalid value: {Quote(value)}: {path} in body should be at least {minLength} chars long");
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            ctx.Error(path, $"Invalid value: {Quote(value)}: {path} in body should match '{pattern.Text}'");
        }
    }

    /// <summary>A required string: reports absence, otherwise checks it like <see cref="String"/>.</summary>
    public static void RequiredString(this ValidationContext ctx, string path, string? value, int minLength = 0, int maxLength = int.MaxValue, CrdPattern? pattern = null)
    {
        if (ctx.Present(path, value))
        {
            ctx.String(path, value, minLength, maxLength, pattern);
        }
    }

    /// <summary>A string enum; absent is fine.</summary>
    public static void Enum(this ValidationContext ctx, string path, string? value, params ReadOnlySpan<string> allowed)
    {
        if (value is null)
        {
            return;
        }

        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return;
            }
        }

        ctx.Error(path, $"Unsupported value: {Quote(value)}: supported values: {QuoteAll(allowed)}");
    }

    /// <summary>An integer enum (e.g. redirect status codes); the API server lists the allowed values quoted.</summary>
    public static void Enum(this ValidationContext ctx, string path, int? value, params ReadOnlySpan<int> allowed)
    {
        if (value is not { } actual)
        {
            return;
        }

        var texts = new string[allowed.Length];
        for (var i = 0; i < allowed.Length; i++)
        {
            if (allowed[i] == actual)
            {
                return;
            }

            texts[i] = allowed[i].ToString(CultureInfo.InvariantCulture);
        }

        ctx.Error(path, $"Unsupported value: {actual.ToString(CultureInfo.InvariantCulture)}: supported values: {QuoteAll(texts)}");
    }

    /// <summary>An integer with inclusive bounds.</summary>
    public static void Range(this ValidationContext ctx, string path, int? value, int minimum = int.MinValue, int maximum = int.MaxValue)
    {
        if (value is not { } actual)
        {
            return;
        }

        var text = actual.ToString(CultureInfo.InvariantCulture);
        if (actual < minimum)
        {
            ctx.Error(path, $"Invalid value: {text}: {path} in body should be greater than or equal to {minimum.ToString(CultureInfo.InvariantCulture)}");
        }

        if (actual > maximum)
        {
            ctx.Error(path, $"Invalid value: {text}: {path} in body should be less than or equal to {maximum.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Array length limits (minItems, maxItems).</summary>
    public static void Items<T>(this ValidationContext ctx, string path, IReadOnlyCollection<T>? list, int minItems = 0, int maxItems = int.MaxValue)
    {
        if (list is null)
        {
            return;
        }

        if (list.Count > maxItems)
        {
            ctx.Error(path, $"Too many: {list.Count.ToString(CultureInfo.InvariantCulture)}: must have at most {maxItems.ToString(CultureInfo.InvariantCulture)} {(maxItems == 1 ? "item" : "items")}");
        }

        if (list.Count < minItems)
        {
            ctx.Error(path, $"Invalid value: {list.Count.ToString(CultureInfo.InvariantCulture)}: {path} in body should have at least {minItems.ToString(CultureInfo.InvariantCulture)} items");
        }
    }

    /// <summary>A string map with maxProperties and per-value limits.</summary>
    public static void Map(this ValidationContext ctx, string path, IReadOnlyDictionary<string, string>? map, int maxProperties, int maxValueLength = int.MaxValue, CrdPattern? valuePattern = null)
    {
        if (map is null)
        {
            return;
        }

        if (map.Count > maxProperties)
        {
            ctx.Error(path, $"Too many: {map.Count.ToString(CultureInfo.InvariantCulture)}: must have at most {maxProperties.ToString(CultureInfo.InvariantCulture)} items");
        }

        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            ctx.String($"{path}.{key}", map[key], maxLength: maxValueLength, pattern: valuePattern);
        }
    }

    /// <summary>
    /// An element that does not deserialize to the item type (JSON null); the API server rejects it as a type
    /// error. Returns true when the element is usable.
    /// </summary>
    public static bool Item<T>(this ValidationContext ctx, string path, [NotNullWhen(true)] T? item, string type = "object")
    {
        if (item is null)
        {
            ctx.Error(path, $"Invalid value: \"null\": {path} in body must be of type {type}: \"null\"");
            return false;
        }

        return true;
    }

    /// <summary>A failed CEL rule (x-kubernetes-validations) on the node at <paramref name="path"/>.</summary>
    public static void Rule(this ValidationContext ctx, string path, string nodeType, string message) =>
        ctx.Error(path, $"Invalid value: \"{nodeType}\": {message}");

    /// <summary>A repeated key in an x-kubernetes-list-type=map list.</summary>
    public static void DuplicateKey(this ValidationContext ctx, string path, string keyName, string key) =>
        ctx.Error(path, $"Duplicate value: map[string]interface {{}}{{\"{keyName}\":{Quote(key)}}}");

    /// <summary>A repeated key in an x-kubernetes-list-type=map list keyed by an integer.</summary>
    public static void DuplicateKey(this ValidationContext ctx, string path, string keyName, int key) =>
        ctx.Error(path, $"Duplicate value: map[string]interface {{}}{{\"{keyName}\":{key.ToString(CultureInfo.InvariantCulture)}}}");

    /// <summary>A repeated element in an x-kubernetes-list-type=set list.</summary>
    public static void DuplicateValue(this ValidationContext ctx, string path, string value) =>
        ctx.Error(path, $"Duplicate value: {Quote(value)}");

    /// <summary>A Go %q-style quoted string.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string QuoteAll(ReadOnlySpan<string> values)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Quote(value));
        }

        return builder.ToString();
    }

    private static int RuneCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
