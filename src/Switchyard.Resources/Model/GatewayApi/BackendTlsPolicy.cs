using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 BackendTLSPolicy.</summary>
public sealed class BackendTlsPolicy : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "BackendTLSPolicy";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public BackendTlsPolicySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public PolicyStatus? Status { get; set; }
}
