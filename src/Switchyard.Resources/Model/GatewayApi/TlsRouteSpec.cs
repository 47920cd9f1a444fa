using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Where a TLSRoute attaches, the SNI names it serves, and its backends.</summary>
public sealed class TlsRouteSpec
{
    [JsonPropertyName("parentRefs")]
    public List<ParentReference>? ParentRefs { get; set; }

    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }

    [JsonPropertyName("rules")]
    public List<TlsRouteRule>? Rules { get; set; }
}
