namespace Switchyard.Diagnostics.Check;

/// <summary>
/// A check rule: a stable id (SY1xx Services, SY2xx DNS, SY3xx Ingress, SY4xx Gateway API, SY5xx TLS, SY6xx NetworkPolicy),
/// a kebab-case name, its default severity and a one-line description.
/// </summary>
public sealed record RuleDescriptor(string Id, string Name, Severity Severity, string Description);
