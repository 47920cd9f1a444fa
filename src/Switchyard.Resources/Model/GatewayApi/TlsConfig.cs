using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Frontend TLS settings for a set of ports.</summary>
public sealed class TlsConfig
{
    [JsonPropertyName("validation")]
    public FrontendTlsValidation? Validation { get; set; }
}
