using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 GRPCRoute.</summary>
public sealed class GrpcRoute : IKubernetesObject<V1ObjectMeta>
{
    public const string KindName = "GRPCRoute";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GatewayApiGroup.Name + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public GrpcRouteSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public RouteStatus? Status { get; set; }
}
