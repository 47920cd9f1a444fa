using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// The rule's transformer for one attempt of a retried request on the YARP path: a response whose status the rule
/// retries is noted and dropped before its head or body reach the client; every other one goes through the rule's
/// transformer. Made only for attempts that may still be retried.
/// </summary>
internal sealed class RetryTransformer(RuleTransformer inner, RetryPlan plan) : HttpTransformer
{
    /// <summary>The status of the dropped response, or 0.</summary>
    public int RetryStatus { get; private set; }

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken) =>
        inner.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null && plan.RetriesStatus((int)proxyResponse.StatusCode))
        {
            // False tells the forwarder not to copy the body; the status it already set is undone.
            RetryStatus = (int)proxyResponse.StatusCode;
            httpContext.Response.Clear();
            return new ValueTask<bool>(false);
        }

        return inner.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        inner.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
}
