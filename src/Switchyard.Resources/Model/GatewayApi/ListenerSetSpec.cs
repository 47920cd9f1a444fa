using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>The Gateway a ListenerSet attaches to and the listeners it adds.</summary>
public sealed class ListenerSetSpec
{
    [JsonPropertyName("parentRef")]
    public ParentGatewayReference? ParentRef { get; set; }

    /// <summary>
    /// The API's ListenerEntry has exactly the fields of a Gateway listener (name, hostname, port, protocol, tls,
    /// allowedRoutes), so the same type carries both and both are validated and translated by the same code.
    /// </summary>
    [JsonPropertyName("listeners")]
    public List<Listener>? Listeners { get; set; }
}
