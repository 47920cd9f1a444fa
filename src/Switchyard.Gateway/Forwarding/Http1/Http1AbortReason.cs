namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>Why an upstream connection was aborted from outside the exchange (its socket is then closed).</summary>
internal enum Http1AbortReason
{
    None,

    /// <summary>No upstream activity for the cluster's read (activity) timeout.</summary>
    ActivityTimeout,

    /// <summary>The client went away or the route timeout fired.</summary>
    Canceled,

    /// <summary>Reading the request body from the client failed, so the exchange cannot complete.</summary>
    RequestBodyFailed,

    /// <summary>The response completed before the request body was sent; the connection cannot be reused.</summary>
    ResponseCompleted,
}
