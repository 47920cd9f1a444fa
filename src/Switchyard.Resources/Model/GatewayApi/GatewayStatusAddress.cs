using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>An address assigned to a Gateway.</summary>
public sealed class GatewayStatusAddress
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("value")]
    public string Value { get; set; } = string.Empty;
}
