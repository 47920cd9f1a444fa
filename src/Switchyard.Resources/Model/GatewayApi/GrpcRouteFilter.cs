using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>One processing step of a GRPCRoute; exactly the field named by type is set.</summary>
public sealed class GrpcRouteFilter
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("requestHeaderModifier")]
    public HttpHeaderFilter? RequestHeaderModifier { get; set; }

    [JsonPropertyName("responseHeaderModifier")]
    public HttpHeaderFilter? ResponseHeaderModifier { get; set; }

    [JsonPropertyName("requestMirror")]
    public HttpRequestMirrorFilter? RequestMirror { get; set; }

    [JsonPropertyName("extensionRef")]
    public LocalObjectReference? ExtensionRef { get; set; }
}
