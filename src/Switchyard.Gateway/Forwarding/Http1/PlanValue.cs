namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>A header value of a request plan: a literal, or a value taken from the request when it is written.</summary>
internal readonly record struct PlanValue(PlanValueSource Source, string? Literal);
