using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Names the controller that handles Gateways of this class.</summary>
public sealed class GatewayClassSpec
{
    /// <summary>Domain-prefixed path, e.g. example.net/gateway-controller; immutable.</summary>
    [JsonPropertyName("controllerName")]
    public string? ControllerName { get; set; }

    [JsonPropertyName("parametersRef")]
    public ParametersReference? ParametersRef { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}
