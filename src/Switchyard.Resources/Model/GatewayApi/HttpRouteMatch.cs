using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A request predicate; all its parts must match (AND).</summary>
public sealed class HttpRouteMatch
{
    /// <summary>Defaults to PathPrefix /.</summary>
    [JsonPropertyName("path")]
    public HttpPathMatch? Path { get; set; }

    [JsonPropertyName("headers")]
    public List<HttpHeaderMatch>? Headers { get; set; }

    [JsonPropertyName("queryParams")]
    public List<HttpQueryParamMatch>? QueryParams { get; set; }

    [JsonPropertyName("method")]
    public string? Method { get; set; }
}
