using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Conditions (matches) and what to do with matching gRPC requests.</summary>
public sealed class GrpcRouteRule
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Absent or empty matches every request.</summary>
    [JsonPropertyName("matches")]
    public List<GrpcRouteMatch>? Matches { get; set; }

    [JsonPropertyName("filters")]
    public List<GrpcRouteFilter>? Filters { get; set; }

    [JsonPropertyName("backendRefs")]
    public List<GrpcBackendRef>? BackendRefs { get; set; }

    /// <summary>Experimental channel.</summary>
    [JsonPropertyName("sessionPersistence")]
    public SessionPersistence? SessionPersistence { get; set; }
}
