using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1beta1 ReferenceGrant (also served as v1).</summary>
public sealed class ReferenceGrant : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "ReferenceGrant";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ReferenceGrantSpec Spec { get; set; } = new();
}
