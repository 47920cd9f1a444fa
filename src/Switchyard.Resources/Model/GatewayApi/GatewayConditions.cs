namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Gateway condition types and reasons, as the spec spells them.</summary>
public static class GatewayConditions
{
    // Condition types.
    public const string Accepted = "Accepted";
    public const string Programmed = "Programmed";
    public const string ResolvedRefs = "ResolvedRefs";
    public const string InsecureFrontendValidationMode = "InsecureFrontendValidationMode";

    // Reasons (the type names above also serve as the positive reasons).
    public const string ListenersNotValid = "ListenersNotValid";
    public const string Pending = "Pending";
    public const string UnsupportedAddress = "UnsupportedAddress";
    public const string InvalidParameters = "InvalidParameters";
    public const string Invalid = "Invalid";
    public const string NoResources = "NoResources";
    public const string AddressNotAssigned = "AddressNotAssigned";
    public const string AddressNotUsable = "AddressNotUsable";
    public const string ConfigurationChanged = "ConfigurationChanged";
    public const string InvalidClientCertificateRef = "InvalidClientCertificateRef";
    public const string RefNotPermitted = "RefNotPermitted";
    public const string ListenersNotResolved = "ListenersNotResolved";
}
