using Microsoft.AspNetCore.Http;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// What runs when a lean exchange ends, inside the exchange's own state machine: the request handler settles and
/// observes the request there, so a proxied request costs one async state machine instead of one per layer. A struct
/// implementation is called without boxing (the forwarder is generic over it).
/// </summary>
internal interface IHttp1Completion
{
    /// <summary>The exchange ended with <paramref name="result"/> (success or a reported failure); returns it.</summary>
    Http1Result Complete(HttpContext context, in Http1Result result);

    /// <summary>An unexpected exception ends the exchange; it is rethrown after this.</summary>
    void Fault(HttpContext context);
}
