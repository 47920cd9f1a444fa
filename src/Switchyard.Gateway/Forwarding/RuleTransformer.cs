using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// The YARP transformer of one (rule, backend) pair, built at compile time. On top of YARP's copy of the request
/// (original Host kept, hop-by-hop headers dropped) it drops the fields the Connection header names, appends
/// X-Forwarded-For/-Proto/-Host, applies the URL rewrite, then the rule's and the backend's request header modifiers;
/// on the response, it drops the fields the backend's Connection header names, then applies the rule's and the
/// backend's response header modifiers, then the CORS headers.
/// </summary>
internal sealed class RuleTransformer(
    UrlRewritePlan? rewrite,
    HeaderModifierPlan? ruleRequest,
    HeaderModifierPlan? ruleResponse,
    HeaderModifierPlan? backendRequest,
    HeaderModifierPlan? backendResponse,
    CorsPlan? cors = null) : HttpTransformer
{
    public UrlRewritePlan? Rewrite => rewrite;

    /// <summary>The same request changes, compiled for the lean HTTP/1.1 client.</summary>
    public Http1.Http1RequestPlan Http1Plan { get; } = Http1.Http1RequestPlan.Create(rewrite, ruleRequest, backendRequest);

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        var copy = base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        if (!copy.IsCompletedSuccessfully)
        {
            return AwaitThenApplyAsync(copy, httpContext, proxyRequest, destinationPrefix);
        }

        ApplyRequest(httpContext, proxyRequest, destinationPrefix);
        return default;
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copy = base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (!copy.IsCompletedSuccessfully)
        {
            return AwaitThenApplyAsync(copy, httpContext, proxyResponse);
        }

        if (proxyResponse is not null)
        {
            ConnectionOptions.RemoveNominated(proxyResponse, httpContext.Response.Headers);
            ApplyResponse(httpContext);
        }

        return copy;
    }

    /// <summary>The response modifiers, for answers the gateway makes itself.</summary>
    public void ApplyResponse(IHeaderDictionary headers)
    {
        ruleResponse?.Apply(headers);
        backendResponse?.Apply(headers);
    }

    /// <summary>What follows copying a backend's response head: the response modifiers, then the CORS headers.</summary>
    public void ApplyResponse(HttpContext httpContext)
    {
        ApplyResponse(httpContext.Response.Headers);
        cors?.ApplyToResponse(httpContext);
    }

    /// <summary>The request side, also used to build mirrored requests.</summary>
    public void ApplyRequestModifiers(HttpRequestMessage proxyRequest)
    {
        if (rewrite?.Hostname is { } hostname)
        {
            proxyRequest.Headers.Host = hostname;
        }

        ruleRequest?.Apply(proxyRequest);
        backendRequest?.Apply(proxyRequest);
    }

    private void ApplyRequest(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix)
    {
        var request = httpContext.Request;
        var headers = proxyRequest.Headers;
        ConnectionOptions.RemoveNominated(request.Headers.Connection, proxyRequest);
        var remote = httpContext.Connection.RemoteIpAddress;
        if (remote is not null)
        {
            headers.TryAddWithoutValidation("X-Forwarded-For", (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString());
        }

        headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        string? host = request.Headers.Host;
        if (!string.IsNullOrEmpty(host))
        {
            headers.TryAddWithoutValidation("X-Forwarded-Host", host);
        }

        if (rewrite is { RewritesPath: true })
        {
            var path = rewrite.RewritePath(request.Path.HasValue ? request.Path.Value! : "/");
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(path), request.QueryString);
        }

        ApplyRequestModifiers(proxyRequest);
    }

    private async ValueTask AwaitThenApplyAsync(ValueTask copy, HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix)
    {
        await copy.ConfigureAwait(false);
        ApplyRequest(httpContext, proxyRequest, destinationPrefix);
    }

    private async ValueTask<bool> AwaitThenApplyAsync(ValueTask<bool> copy, HttpContext httpContext, HttpResponseMessage? proxyResponse)
    {
        var result = await copy.ConfigureAwait(false);
        if (proxyResponse is not null)
        {
            ConnectionOptions.RemoveNominated(proxyResponse, httpContext.Response.Headers);
            ApplyResponse(httpContext);
        }

        return result;
    }
}
