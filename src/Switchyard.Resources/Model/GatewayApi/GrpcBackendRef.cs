using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A GRPCRoute rule backend with its own filters.</summary>
public sealed class GrpcBackendRef : IBackendObjectReference
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

    /// <summary>Defaults to 1; 0 means never chosen.</summary>
    [JsonPropertyName("weight")]
    public int? Weight { get; set; }

    /// <summary>Applied only when this backend is chosen.</summary>
    [JsonPropertyName("filters")]
    public List<GrpcRouteFilter>? Filters { get; set; }
}
