using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Implementation-specific parameters for a GatewayClass.</summary>
public sealed class ParametersReference
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Set only when the parameters kind is namespaced.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
