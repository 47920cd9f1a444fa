namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>One compile-time header change of a request plan.</summary>
internal readonly record struct HeaderOperation(HeaderOperationKind Kind, string Name, string Value, bool IsContent);
