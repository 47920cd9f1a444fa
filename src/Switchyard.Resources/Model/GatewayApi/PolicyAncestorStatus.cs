using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A policy's status with respect to one ancestor.</summary>
public sealed class PolicyAncestorStatus
{
    [JsonPropertyName("ancestorRef")]
    public ParentReference AncestorRef { get; set; } = new();

    [JsonPropertyName("controllerName")]
    public string ControllerName { get; set; } = string.Empty;

    [JsonPropertyName("conditions")]
    public List<V1Condition> Conditions { get; set; } = [];
}
