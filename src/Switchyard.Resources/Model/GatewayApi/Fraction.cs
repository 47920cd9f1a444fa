using System.Text.Json.Serialization;

namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>A ratio numerator/denominator, e.g. of requests to mirror.</summary>
public sealed class Fraction
{
    [JsonPropertyName("numerator")]
    public int? Numerator { get; set; }

    /// <summary>Defaults to 100.</summary>
    [JsonPropertyName("denominator")]
    public int? Denominator { get; set; }
}
