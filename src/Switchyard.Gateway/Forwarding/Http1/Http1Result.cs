using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// Outcome of one lean exchange, in YARP's terms so that both paths share the error handling: the error, its
/// exception, and whether the endpoint could not be connected to (which ejects it).
/// </summary>
internal readonly record struct Http1Result(ForwarderError Error, Exception? Exception, bool ConnectFailure)
{
    public static Http1Result Success => default;

    /// <summary>Request body bytes sent upstream.</summary>
    public long RequestBodyBytes { get; init; }

    /// <summary>Response body bytes handed to the client.</summary>
    public long ResponseBodyBytes { get; init; }

    /// <summary>
    /// The status of a response the backend sent that the rule retries: it was discarded (not applied to the client
    /// response), the exchange otherwise succeeded. 0 when none.
    /// </summary>
    public int RetryStatus { get; init; }
}
