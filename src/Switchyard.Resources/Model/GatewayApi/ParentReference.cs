using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A route's reference to the object it attaches to (usually a Gateway, optionally one listener).</summary>
public sealed class ParentReference
{
    /// <summary>Defaults to gateway.networking.k8s.io.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>Defaults to Gateway.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Absent means the route's own namespace.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A listener name on a Gateway.</summary>
    [JsonPropertyName("sectionName")]
    public string? SectionName { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }
}
