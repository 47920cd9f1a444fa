using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Labels, annotations and parameters for resources created for a Gateway.</summary>
public sealed class GatewayInfrastructure
{
    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("parametersRef")]
    public LocalParametersReference? ParametersRef { get; set; }
}
