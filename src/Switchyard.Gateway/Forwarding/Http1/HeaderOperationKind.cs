namespace Switchyard.Gateway.Forwarding.Http1;

internal enum HeaderOperationKind
{
    /// <summary>Replace every value with one.</summary>
    Set,

    /// <summary>Append a value.</summary>
    Add,

    /// <summary>Drop every value.</summary>
    Remove,
}
