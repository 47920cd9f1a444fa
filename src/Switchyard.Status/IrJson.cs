using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Ir;

namespace Switchyard.Status;

/// <summary>The IR as JSON (admin <c>/config</c>): camelCase, enums as names, nulls omitted.</summary>
public static class IrJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(Snapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);
}
