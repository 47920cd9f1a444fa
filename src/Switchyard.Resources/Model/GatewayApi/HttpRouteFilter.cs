using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>One processing step; exactly the field named by type is set.</summary>
public sealed class HttpRouteFilter
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("requestHeaderModifier")]
    public HttpHeaderFilter? RequestHeaderModifier { get; set; }

    [JsonPropertyName("responseHeaderModifier")]
    public HttpHeaderFilter? ResponseHeaderModifier { get; set; }

    [JsonPropertyName("requestMirror")]
    public HttpRequestMirrorFilter? RequestMirror { get; set; }

    [JsonPropertyName("requestRedirect")]
    public HttpRequestRedirectFilter? RequestRedirect { get; set; }

    [JsonPropertyName("urlRewrite")]
    public HttpUrlRewriteFilter? UrlRewrite { get; set; }

    [JsonPropertyName("cors")]
    public HttpCorsFilter? Cors { get; set; }

    [JsonPropertyName("extensionRef")]
    public LocalObjectReference? ExtensionRef { get; set; }
}
