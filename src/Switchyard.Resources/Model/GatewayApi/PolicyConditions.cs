namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>Policy condition types and reasons (e.g. BackendTLSPolicy status.ancestors[].conditions), as the spec spells them.</summary>
public static class PolicyConditions
{
    // Condition types.
    public const string Accepted = "Accepted";
    public const string ResolvedRefs = "ResolvedRefs";

    // Reasons (Accepted and ResolvedRefs also serve as the positive reasons).
    public const string Conflicted = "Conflicted";
    public const string Invalid = "Invalid";
    public const string TargetNotFound = "TargetNotFound";
    public const string NoValidCACertificate = "NoValidCACertificate";
    public const string InvalidCACertificateRef = "InvalidCACertificateRef";
    public const string InvalidKind = "InvalidKind";
}
