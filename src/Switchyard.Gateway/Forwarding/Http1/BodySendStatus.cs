namespace Switchyard.Gateway.Forwarding.Http1;

internal enum BodySendStatus
{
    Success,

    /// <summary>Reading the client's body failed (the client went away, or the body broke a limit).</summary>
    InputError,

    /// <summary>Writing to the backend failed.</summary>
    OutputError,

    /// <summary>Stopped because the exchange ended first.</summary>
    Canceled,
}
