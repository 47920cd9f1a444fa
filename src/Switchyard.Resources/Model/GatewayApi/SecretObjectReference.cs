using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A reference to a Secret (or another certificate-bearing kind).</summary>
public sealed class SecretObjectReference
{
    /// <summary>Defaults to "" (core).</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>Defaults to Secret.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
