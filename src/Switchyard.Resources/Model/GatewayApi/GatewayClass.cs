using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 GatewayClass.</summary>
public sealed class GatewayClass : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "GatewayClass";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GatewayClassSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public GatewayClassStatus? Status { get; set; }
}
