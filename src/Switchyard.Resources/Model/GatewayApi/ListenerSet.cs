using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 ListenerSet (GEP-1713): listeners attached to a Gateway that allows them.</summary>
public sealed class ListenerSet : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "ListenerSet";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ListenerSetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ListenerSetStatus? Status { get; set; }
}
