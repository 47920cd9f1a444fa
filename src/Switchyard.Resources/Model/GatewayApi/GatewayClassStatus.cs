using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>What the controller reports about a GatewayClass.</summary>
public sealed class GatewayClassStatus
{
    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("supportedFeatures")]
    public List<SupportedFeature>? SupportedFeatures { get; set; }
}
