using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A ListenerSet's reference to its Gateway.</summary>
public sealed class ParentGatewayReference
{
    /// <summary>Defaults to gateway.networking.k8s.io.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>Defaults to Gateway.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Absent means the ListenerSet's own namespace.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
