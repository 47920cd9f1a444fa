namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>How copying a response body to the client ended (socket errors from the backend are thrown instead).</summary>
internal enum BodyCopyStatus
{
    Complete,

    /// <summary>The backend closed the connection before the body was complete.</summary>
    UpstreamClosed,

    /// <summary>The backend's chunked framing was invalid.</summary>
    Invalid,

    /// <summary>The client connection is gone.</summary>
    ClientGone,
}
