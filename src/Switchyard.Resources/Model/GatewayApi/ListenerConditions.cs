namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Listener condition types and reasons (Gateway status.listeners[].conditions), as the spec spells them.</summary>
public static class ListenerConditions
{
    // Condition types.
    public const string Accepted = "Accepted";
    public const string Conflicted = "Conflicted";
    public const string ResolvedRefs = "ResolvedRefs";
    public const string Programmed = "Programmed";
    public const string OverlappingTLSConfig = "OverlappingTLSConfig";

    // Reasons (Accepted, ResolvedRefs and Programmed also serve as the positive reasons).
    public const string HostnameConflict = "HostnameConflict";
    public const string ProtocolConflict = "ProtocolConflict";
    public const string NoConflicts = "NoConflicts";
    public const string PortUnavailable = "PortUnavailable";
    public const string UnsupportedProtocol = "UnsupportedProtocol";
    public const string UnsupportedValue = "UnsupportedValue";
    public const string NoValidCACertificate = "NoValidCACertificate";
    public const string InvalidCertificateRef = "InvalidCertificateRef";
    public const string InvalidRouteKinds = "InvalidRouteKinds";
    public const string RefNotPermitted = "RefNotPermitted";
    public const string InvalidCACertificateRef = "InvalidCACertificateRef";
    public const string InvalidCACertificateKind = "InvalidCACertificateKind";
    public const string Invalid = "Invalid";
    public const string Pending = "Pending";
    public const string OverlappingHostnames = "OverlappingHostnames";
    public const string OverlappingCertificates = "OverlappingCertificates";
}
