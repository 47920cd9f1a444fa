using Microsoft.AspNetCore.Http;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>No completion work: the caller awaits the result and handles it itself (retries).</summary>
internal readonly struct PassThroughCompletion : IHttp1Completion
{
    public Http1Result Complete(HttpContext context, in Http1Result result) => result;

    public void Fault(HttpContext context)
    {
    }
}
