using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Which routes may attach to a listener.</summary>
public sealed class AllowedRoutes
{
    /// <summary>Defaults to from: Same.</summary>
    [JsonPropertyName("namespaces")]
    public RouteNamespaces? Namespaces { get; set; }

    /// <summary>Absent means the kinds the listener's protocol supports.</summary>
    [JsonPropertyName("kinds")]
    public List<RouteGroupKind>? Kinds { get; set; }
}
