using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>What the controller reports about one listener.</summary>
public sealed class ListenerStatus
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("supportedKinds")]
    public List<RouteGroupKind> SupportedKinds { get; set; } = [];

    [JsonPropertyName("attachedRoutes")]
    public int AttachedRoutes { get; set; }

    [JsonPropertyName("conditions")]
    public List<V1Condition> Conditions { get; set; } = [];
}
