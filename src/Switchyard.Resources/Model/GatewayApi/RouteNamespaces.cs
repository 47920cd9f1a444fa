using System.Text.Json.Serialization;
using k8s.Models;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Namespaces whose routes may attach to a listener.</summary>
public sealed class RouteNamespaces
{
    /// <summary>All, Selector or Same (default).</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    /// <summary>Used only when from is Selector.</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }
}
