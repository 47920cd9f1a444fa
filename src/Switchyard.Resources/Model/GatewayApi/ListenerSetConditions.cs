namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>
/// ListenerSet condition types and reasons, as the spec spells them. Its listeners use
/// <see cref="ListenerConditions"/>.
/// </summary>
public static class ListenerSetConditions
{
    // Condition types.
    public const string Accepted = "Accepted";
    public const string Programmed = "Programmed";

    // Reasons (the type names above also serve as the positive reasons).
    public const string NotAllowed = "NotAllowed";
    public const string ParentNotAccepted = "ParentNotAccepted";
    public const string ParentNotProgrammed = "ParentNotProgrammed";
    public const string ListenersNotValid = "ListenersNotValid";
    public const string Invalid = "Invalid";
    public const string Pending = "Pending";
}
