using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Frontend TLS settings for one port.</summary>
public sealed class TlsPortConfig
{
    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("tls")]
    public TlsConfig? Tls { get; set; }
}
