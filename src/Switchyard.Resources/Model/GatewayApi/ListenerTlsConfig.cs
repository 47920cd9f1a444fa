using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>TLS settings of one listener.</summary>
public sealed class ListenerTlsConfig
{
    /// <summary>Terminate (default) or Passthrough.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    [JsonPropertyName("certificateRefs")]
    public List<SecretObjectReference>? CertificateRefs { get; set; }

    [JsonPropertyName("options")]
    public Dictionary<string, string>? Options { get; set; }
}
