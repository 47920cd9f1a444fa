using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Status of a policy: one entry per ancestor (e.g. Gateway) it was evaluated for.</summary>
public sealed class PolicyStatus
{
    [JsonPropertyName("ancestors")]
    public List<PolicyAncestorStatus> Ancestors { get; set; } = [];
}
