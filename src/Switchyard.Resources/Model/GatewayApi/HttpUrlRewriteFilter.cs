using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Rewrites the host and/or path before forwarding.</summary>
public sealed class HttpUrlRewriteFilter
{
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("path")]
    public HttpPathModifier? Path { get; set; }
}
