namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>GatewayClass condition types and reasons, as the spec spells them.</summary>
public static class GatewayClassConditions
{
    // Condition types.
    public const string Accepted = "Accepted";
    public const string SupportedVersion = "SupportedVersion";

    // Reasons (Accepted also serves as a reason).
    public const string InvalidParameters = "InvalidParameters";
    public const string Pending = "Pending";
    public const string Unsupported = "Unsupported";
    public const string UnsupportedVersion = "UnsupportedVersion";
}
