using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Which ListenerSets may attach to a Gateway.</summary>
public sealed class AllowedListeners
{
    /// <summary>Defaults to from: None.</summary>
    [JsonPropertyName("namespaces")]
    public ListenerNamespaces? Namespaces { get; set; }
}
