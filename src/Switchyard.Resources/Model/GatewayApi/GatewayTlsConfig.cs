using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Gateway-wide TLS settings (spec.tls).</summary>
public sealed class GatewayTlsConfig
{
    [JsonPropertyName("backend")]
    public GatewayBackendTls? Backend { get; set; }

    [JsonPropertyName("frontend")]
    public FrontendTlsConfig? Frontend { get; set; }
}
