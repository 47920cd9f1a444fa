namespace Switchyard.ServiceProxy;

/// <summary>What became of one frontend address:port after a snapshot was applied.</summary>
public enum FrontendBindingState
{
    /// <summary>Listening and forwarding.</summary>
    Bound,

    /// <summary>
    /// Not listening on purpose: the frontend has no usable endpoint, so the kernel refuses TCP connections (RST) and
    /// answers UDP with port unreachable, as kube-proxy's REJECT rule does.
    /// </summary>
    NoEndpoints,

    /// <summary>The address is neither loopback nor assigned to an interface of this host; never bound.</summary>
    NotLocalAddress,

    /// <summary>Binding failed (e.g. the port is taken); retried on the next snapshot.</summary>
    Failed,
}
