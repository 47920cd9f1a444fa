using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A route's status with respect to one parent.</summary>
public sealed class RouteParentStatus
{
    [JsonPropertyName("parentRef")]
    public ParentReference ParentRef { get; set; } = new();

    [JsonPropertyName("controllerName")]
    public string ControllerName { get; set; } = string.Empty;

    [JsonPropertyName("conditions")]
    public List<V1Condition> Conditions { get; set; } = [];
}
