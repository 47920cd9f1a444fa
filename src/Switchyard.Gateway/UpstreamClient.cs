namespace Switchyard.Gateway;

/// <summary>Which HTTP client forwards requests to plain HTTP/1.1 backends.</summary>
public enum UpstreamClient
{
    /// <summary>
    /// Switchyard's own HTTP/1.1 client (pooled keep-alive connections, no per-request message objects) for plain
    /// HTTP/1.x requests without an upgrade to cleartext HTTP/1.1 backends; everything else goes through YARP.
    /// </summary>
    Lean,

    /// <summary>YARP's forwarder over <c>SocketsHttpHandler</c> for every request.</summary>
    Yarp,
}
