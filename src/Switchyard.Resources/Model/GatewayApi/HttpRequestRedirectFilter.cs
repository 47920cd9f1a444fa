using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Answers with a redirect instead of forwarding.</summary>
public sealed class HttpRequestRedirectFilter
{
    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("path")]
    public HttpPathModifier? Path { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>Defaults to 302.</summary>
    [JsonPropertyName("statusCode")]
    public int? StatusCode { get; set; }
}
