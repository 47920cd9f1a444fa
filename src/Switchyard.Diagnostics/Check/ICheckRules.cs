namespace Switchyard.Diagnostics.Check;

/// <summary>
/// A group of rules over one area (Services, DNS, Ingress, Gateway API, TLS, NetworkPolicy). Adding an area means
/// adding an implementation and listing it in <see cref="CheckRunner"/>; rules never throw on bad input.
/// </summary>
internal interface ICheckRules
{
    void Evaluate(CheckContext context, List<Finding> findings);
}
