namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Route condition types and reasons (status.parents[].conditions of every route kind), as the spec spells them.</summary>
public static class RouteConditions
{
    // Condition types.
    public const string Accepted = "Accepted";
    public const string ResolvedRefs = "ResolvedRefs";
    public const string PartiallyInvalid = "PartiallyInvalid";

    // Reasons (Accepted and ResolvedRefs also serve as the positive reasons).
    public const string NotAllowedByListeners = "NotAllowedByListeners";
    public const string NoMatchingListenerHostname = "NoMatchingListenerHostname";
    public const string NoMatchingParent = "NoMatchingParent";
    public const string UnsupportedValue = "UnsupportedValue";
    public const string Pending = "Pending";
    public const string IncompatibleFilters = "IncompatibleFilters";
    public const string RefNotPermitted = "RefNotPermitted";
    public const string InvalidKind = "InvalidKind";
    public const string BackendNotFound = "BackendNotFound";
    public const string UnsupportedProtocol = "UnsupportedProtocol";
}
