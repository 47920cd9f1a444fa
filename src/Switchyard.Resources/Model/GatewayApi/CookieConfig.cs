using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Cookie settings for cookie-based session persistence.</summary>
public sealed class CookieConfig
{
    /// <summary>Session or Permanent; defaults to Session.</summary>
    [JsonPropertyName("lifetimeType")]
    public string? LifetimeType { get; set; }
}
