using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A path predicate.</summary>
public sealed class HttpPathMatch
{
    /// <summary>Exact, PathPrefix (default) or RegularExpression.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Defaults to /.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
