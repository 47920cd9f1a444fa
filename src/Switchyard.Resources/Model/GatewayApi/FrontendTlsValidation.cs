using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>How client certificates are validated.</summary>
public sealed class FrontendTlsValidation
{
    [JsonPropertyName("caCertificateRefs")]
    public List<ObjectReference>? CaCertificateRefs { get; set; }

    /// <summary>AllowValidOnly (default) or AllowInsecureFallback.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }
}
