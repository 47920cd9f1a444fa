using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>How a redirect or rewrite changes the path.</summary>
public sealed class HttpPathModifier
{
    /// <summary>ReplaceFullPath or ReplacePrefixMatch.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("replaceFullPath")]
    public string? ReplaceFullPath { get; set; }

    [JsonPropertyName("replacePrefixMatch")]
    public string? ReplacePrefixMatch { get; set; }
}
