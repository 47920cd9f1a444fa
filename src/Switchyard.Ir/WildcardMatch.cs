namespace Switchyard.Ir;

/// <summary>How a <c>*.suffix</c> hostname pattern matches a host.</summary>
public enum WildcardMatch
{
    /// <summary>Gateway API: one or more labels in front of the suffix (<c>*.example.com</c> matches <c>a.b.example.com</c>).</summary>
    OneOrMoreLabels,

    /// <summary>Ingress: exactly one label (<c>*.example.com</c> matches <c>a.example.com</c>, not <c>a.b.example.com</c>).</summary>
    SingleLabel,
}
