using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>How a Gateway validates the TLS certificate of backends (Services).</summary>
public sealed class BackendTlsPolicySpec
{
    [JsonPropertyName("targetRefs")]
    public List<LocalPolicyTargetReferenceWithSectionName>? TargetRefs { get; set; }

    [JsonPropertyName("validation")]
    public BackendTlsPolicyValidation? Validation { get; set; }

    [JsonPropertyName("options")]
    public Dictionary<string, string>? Options { get; set; }
}
