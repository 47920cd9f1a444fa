using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A reference to a backend without a weight (e.g. a mirror target).</summary>
public sealed class BackendObjectReference : IBackendObjectReference
{
    /// <summary>Defaults to "" (core).</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>Defaults to Service.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }
}
