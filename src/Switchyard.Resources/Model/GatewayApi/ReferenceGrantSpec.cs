using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Which objects in other namespaces may refer to which objects in this one.</summary>
public sealed class ReferenceGrantSpec
{
    [JsonPropertyName("from")]
    public List<ReferenceGrantFrom>? From { get; set; }

    [JsonPropertyName("to")]
    public List<ReferenceGrantTo>? To { get; set; }
}
