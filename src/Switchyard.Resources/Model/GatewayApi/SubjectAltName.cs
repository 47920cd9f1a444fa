using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>An identity the backend's certificate must carry.</summary>
public sealed class SubjectAltName
{
    /// <summary>Hostname or URI.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }
}
