using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Retry policy of a rule (experimental channel).</summary>
public sealed class HttpRouteRetry
{
    /// <summary>HTTP status codes (400-599) to retry.</summary>
    [JsonPropertyName("codes")]
    public List<int>? Codes { get; set; }

    [JsonPropertyName("attempts")]
    public int? Attempts { get; set; }

    [JsonPropertyName("backoff")]
    public string? Backoff { get; set; }
}
