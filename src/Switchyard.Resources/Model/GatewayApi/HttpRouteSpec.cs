using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Where an HTTPRoute attaches, which hosts it serves, and its rules.</summary>
public sealed class HttpRouteSpec
{
    [JsonPropertyName("parentRefs")]
    public List<ParentReference>? ParentRefs { get; set; }

    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }

    /// <summary>Defaults to one rule matching every path.</summary>
    [JsonPropertyName("rules")]
    public List<HttpRouteRule>? Rules { get; set; }
}
