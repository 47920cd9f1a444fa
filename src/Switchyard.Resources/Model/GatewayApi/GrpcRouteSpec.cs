using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Where a GRPCRoute attaches, which hosts it serves, and its rules.</summary>
public sealed class GrpcRouteSpec
{
    [JsonPropertyName("parentRefs")]
    public List<ParentReference>? ParentRefs { get; set; }

    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }

    [JsonPropertyName("rules")]
    public List<GrpcRouteRule>? Rules { get; set; }
}
