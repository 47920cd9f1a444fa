namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>
/// The canary annotations. Precedence as in ingress-nginx: the header (its value, pattern, or always/never), then the
/// cookie (always/never), then the weight.
/// </summary>
internal sealed record CanarySettings
{
    public string? Header { get; init; }

    /// <summary>Exact header value that selects the canary (then always/never have no meaning).</summary>
    public string? HeaderValue { get; init; }

    /// <summary>Regular expression (found anywhere in the value) that selects the canary; ignored when HeaderValue is set.</summary>
    public string? HeaderPattern { get; init; }

    public string? Cookie { get; init; }

    public int Weight { get; init; }

    public int WeightTotal { get; init; } = 100;
}
