using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Conditions (matches) and what to do with matching requests.</summary>
public sealed class HttpRouteRule
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Defaults to a PathPrefix / match; matches are ORed.</summary>
    [JsonPropertyName("matches")]
    public List<HttpRouteMatch>? Matches { get; set; }

    [JsonPropertyName("filters")]
    public List<HttpRouteFilter>? Filters { get; set; }

    [JsonPropertyName("backendRefs")]
    public List<HttpBackendRef>? BackendRefs { get; set; }

    [JsonPropertyName("timeouts")]
    public HttpRouteTimeouts? Timeouts { get; set; }

    /// <summary>Experimental channel.</summary>
    [JsonPropertyName("retry")]
    public HttpRouteRetry? Retry { get; set; }

    /// <summary>Experimental channel.</summary>
    [JsonPropertyName("sessionPersistence")]
    public SessionPersistence? SessionPersistence { get; set; }
}
