using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Client certificate validation for connections to the Gateway.</summary>
public sealed class FrontendTlsConfig
{
    /// <summary>Applies to every HTTPS port without a perPort entry.</summary>
    [JsonPropertyName("default")]
    public TlsConfig? Default { get; set; }

    [JsonPropertyName("perPort")]
    public List<TlsPortConfig>? PerPort { get; set; }
}
