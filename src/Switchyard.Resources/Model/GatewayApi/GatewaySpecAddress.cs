using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>An address requested for a Gateway.</summary>
public sealed class GatewaySpecAddress
{
    /// <summary>IPAddress (default), Hostname, NamedAddress or domain-prefixed.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Absent or empty lets the implementation choose.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
