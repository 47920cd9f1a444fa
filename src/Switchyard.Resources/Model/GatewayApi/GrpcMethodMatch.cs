using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A service and/or method predicate.</summary>
public sealed class GrpcMethodMatch
{
    /// <summary>Exact (default) or RegularExpression.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("service")]
    public string? Service { get; set; }

    [JsonPropertyName("method")]
    public string? Method { get; set; }
}
