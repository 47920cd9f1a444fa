using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>What the controller reports about a ListenerSet: its own conditions and one entry per listener.</summary>
public sealed class ListenerSetStatus
{
    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }

    /// <summary>ListenerEntryStatus has the fields of a Gateway's ListenerStatus.</summary>
    [JsonPropertyName("listeners")]
    public List<ListenerStatus>? Listeners { get; set; }
}
