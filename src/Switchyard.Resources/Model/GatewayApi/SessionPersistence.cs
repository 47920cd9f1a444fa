using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Sticky sessions for a route rule (experimental channel).</summary>
public sealed class SessionPersistence
{
    [JsonPropertyName("sessionName")]
    public string? SessionName { get; set; }

    [JsonPropertyName("absoluteTimeout")]
    public string? AbsoluteTimeout { get; set; }

    /// <summary>Cookie or Header; defaults to Cookie.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("cookieConfig")]
    public CookieConfig? CookieConfig { get; set; }
}
