using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Objects in the grant's namespace that may be referred to.</summary>
public sealed class ReferenceGrantTo
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Absent means every object of the kind.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
