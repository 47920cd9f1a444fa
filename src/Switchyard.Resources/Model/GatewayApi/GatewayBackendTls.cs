using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>The client certificate the Gateway presents to backends.</summary>
public sealed class GatewayBackendTls
{
    [JsonPropertyName("clientCertificateRef")]
    public SecretObjectReference? ClientCertificateRef { get; set; }
}
