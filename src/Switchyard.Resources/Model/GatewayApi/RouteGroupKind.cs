using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A route group and kind.</summary>
public sealed class RouteGroupKind
{
    /// <summary>Defaults to gateway.networking.k8s.io.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}
