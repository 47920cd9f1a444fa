using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Timeouts of a rule, as Gateway API durations (e.g. "10s", "1m30s").</summary>
public sealed class HttpRouteTimeouts
{
    /// <summary>Whole request, including retries; "0s" disables.</summary>
    [JsonPropertyName("request")]
    public string? Request { get; set; }

    /// <summary>One attempt to a backend.</summary>
    [JsonPropertyName("backendRequest")]
    public string? BackendRequest { get; set; }
}
