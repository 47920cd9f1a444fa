using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Answers CORS preflights and adds CORS response headers.</summary>
public sealed class HttpCorsFilter
{
    [JsonPropertyName("allowOrigins")]
    public List<string>? AllowOrigins { get; set; }

    [JsonPropertyName("allowCredentials")]
    public bool? AllowCredentials { get; set; }

    [JsonPropertyName("allowMethods")]
    public List<string>? AllowMethods { get; set; }

    [JsonPropertyName("allowHeaders")]
    public List<string>? AllowHeaders { get; set; }

    [JsonPropertyName("exposeHeaders")]
    public List<string>? ExposeHeaders { get; set; }

    /// <summary>Seconds a preflight may be cached; defaults to 5.</summary>
    [JsonPropertyName("maxAge")]
    public int? MaxAge { get; set; }
}
