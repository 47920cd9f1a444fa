using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>One Gateway API feature the class's controller supports.</summary>
public sealed class SupportedFeature
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
