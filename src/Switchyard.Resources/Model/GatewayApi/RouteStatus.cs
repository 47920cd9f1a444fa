using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Status shared by all route kinds: one entry per parent that a controller has handled.</summary>
public sealed class RouteStatus
{
    [JsonPropertyName("parents")]
    public List<RouteParentStatus> Parents { get; set; } = [];
}
