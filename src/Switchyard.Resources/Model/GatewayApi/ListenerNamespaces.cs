using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Namespaces whose ListenerSets may attach to a Gateway.</summary>
public sealed class ListenerNamespaces
{
    /// <summary>All, Selector, Same or None (default).</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }
}
