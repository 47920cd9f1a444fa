using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 Gateway.</summary>
public sealed class Gateway : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "Gateway";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GatewaySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public GatewayStatus? Status { get; set; }
}
