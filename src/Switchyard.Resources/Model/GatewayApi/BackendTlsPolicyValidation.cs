using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Trust anchors and expected identity of a backend's certificate.</summary>
public sealed class BackendTlsPolicyValidation
{
    [JsonPropertyName("caCertificateRefs")]
    public List<LocalObjectReference>? CaCertificateRefs { get; set; }

    /// <summary>System, or a domain-prefixed implementation value.</summary>
    [JsonPropertyName("wellKnownCACertificates")]
    public string? WellKnownCaCertificates { get; set; }

    /// <summary>SNI name and default expected identity.</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("subjectAltNames")]
    public List<SubjectAltName>? SubjectAltNames { get; set; }
}
