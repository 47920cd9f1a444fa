using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A policy's target in the policy's namespace, optionally one section (port name) of it.</summary>
public sealed class LocalPolicyTargetReferenceWithSectionName
{
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("sectionName")]
    public string? SectionName { get; set; }
}
