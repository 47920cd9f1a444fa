using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 TLSRoute (v1alpha2 is read too; its schema is looser).</summary>
public sealed class TlsRoute : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "TLSRoute";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TlsRouteSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public RouteStatus? Status { get; set; }
}
