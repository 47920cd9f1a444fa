using k8s.Models;

namespace Switchyard.EndpointSlices;

/// <summary>Which Services the controller manages, and which Pods a Service selects.</summary>
internal static class ServiceSelector
{
    /// <summary>
    /// Whether the controller writes slices for the Service. ExternalName Services get none. A Service without a
    /// selector gets none either (its slices are written by the user); an empty selector counts as none because the
    /// API server stores <c>selector: {}</c> exactly like an absent selector (kubernetes/kubernetes#25836).
    /// </summary>
    public static bool IsManaged(V1Service service) =>
        service.Spec is { } spec
        && !string.Equals(spec.Type, "ExternalName", StringComparison.Ordinal)
        && spec.Selector is { Count: > 0 };

    /// <summary>Equality-based selection: every selector pair must be a label of the Pod.</summary>
    public static bool Matches(IDictionary<string, string> selector, IDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return false;
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value ?? string.Empty, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
