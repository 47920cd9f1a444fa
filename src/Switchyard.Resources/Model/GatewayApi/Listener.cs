using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>One logical endpoint of a Gateway: port, protocol, optional hostname.</summary>
public sealed class Listener
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Exact or leading-wildcard hostname; absent matches all.</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>HTTP, HTTPS, TLS, TCP, UDP or a domain-prefixed custom protocol.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    [JsonPropertyName("tls")]
    public ListenerTlsConfig? Tls { get; set; }

    /// <summary>Defaults to routes from the Gateway's namespace.</summary>
    [JsonPropertyName("allowedRoutes")]
    public AllowedRoutes? AllowedRoutes { get; set; }
}
