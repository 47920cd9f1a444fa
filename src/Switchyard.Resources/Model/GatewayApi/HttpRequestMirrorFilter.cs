using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Sends a copy of requests to another backend; responses from it are ignored.</summary>
public sealed class HttpRequestMirrorFilter
{
    [JsonPropertyName("backendRef")]
    public BackendObjectReference? BackendRef { get; set; }

    /// <summary>Share of requests mirrored, 0-100; exclusive with fraction.</summary>
    [JsonPropertyName("percent")]
    public int? Percent { get; set; }

    [JsonPropertyName("fraction")]
    public Fraction? Fraction { get; set; }
}
