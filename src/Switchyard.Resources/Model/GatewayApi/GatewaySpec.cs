using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>The desired listeners and addresses of a Gateway.</summary>
public sealed class GatewaySpec
{
    [JsonPropertyName("gatewayClassName")]
    public string? GatewayClassName { get; set; }

    [JsonPropertyName("listeners")]
    public List<Listener>? Listeners { get; set; }

    [JsonPropertyName("addresses")]
    public List<GatewaySpecAddress>? Addresses { get; set; }

    [JsonPropertyName("infrastructure")]
    public GatewayInfrastructure? Infrastructure { get; set; }

    /// <summary>Which ListenerSets may attach; absent means none.</summary>
    [JsonPropertyName("allowedListeners")]
    public AllowedListeners? AllowedListeners { get; set; }

    /// <summary>Gateway-wide TLS: client certificate for backends, client validation for frontends.</summary>
    [JsonPropertyName("tls")]
    public GatewayTlsConfig? Tls { get; set; }
}
