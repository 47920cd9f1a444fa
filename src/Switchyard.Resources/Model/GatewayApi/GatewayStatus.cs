using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>What the controller reports about a Gateway.</summary>
public sealed class GatewayStatus
{
    [JsonPropertyName("addresses")]
    public List<GatewayStatusAddress>? Addresses { get; set; }

    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("listeners")]
    public List<ListenerStatus>? Listeners { get; set; }

    [JsonPropertyName("attachedListenerSets")]
    public int? AttachedListenerSets { get; set; }
}
