using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Backends for TLS connections matching the route.</summary>
public sealed class TlsRouteRule
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("backendRefs")]
    public List<BackendRef>? BackendRefs { get; set; }
}
