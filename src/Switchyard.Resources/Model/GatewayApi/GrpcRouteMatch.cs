using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A gRPC request predicate; all its parts must match (AND).</summary>
public sealed class GrpcRouteMatch
{
    [JsonPropertyName("method")]
    public GrpcMethodMatch? Method { get; set; }

    [JsonPropertyName("headers")]
    public List<GrpcHeaderMatch>? Headers { get; set; }
}
