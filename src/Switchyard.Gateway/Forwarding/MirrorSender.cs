using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Sends fire-and-forget copies of requests to mirror clusters. The copy carries the method, the (rewritten) path and
/// query, the headers after the rule's modifiers, and the body as the main request streams it (<see cref="TeeRequestBody"/>:
/// a mirror that falls too far behind is cut off, so it never holds back the main request). Its response is discarded
/// and its failures are only logged.
/// </summary>
internal sealed partial class MirrorSender(TimeProvider time, GatewayDataPlaneOptions options, ILogger logger)
{
    private static readonly FrozenSet<string> SkippedHeaders = new[]
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
        "Expect", "HTTP2-Settings",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // These go on the copied body, when there is one.
    private static readonly FrozenSet<string> ContentHeaders = new[]
    {
        "Content-Length", "Content-Type", "Content-Encoding", "Content-Language", "Content-Disposition", "Content-Range", "Content-MD5",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public void Send(HttpContext context, MirrorTarget target, RuleTransformer transformer)
    {
        var cluster = target.Cluster;
        var endpoint = cluster.PickEndpoint(time);
        if (endpoint is null)
        {
            return;
        }

        var request = context.Request;
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        if (transformer.Rewrite is { RewritesPath: true } rewrite)
        {
            path = rewrite.RewritePath(path);
        }

        var message = new HttpRequestMessage(
            HttpMethod.Parse(request.Method),
            RequestUtilities.MakeDestinationAddress(endpoint.DestinationPrefix, new PathString(path), request.QueryString))
        {
            Version = cluster.State.RequestConfig.Version ?? System.Net.HttpVersion.Version11,
            VersionPolicy = cluster.State.RequestConfig.VersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower,
        };

        // A body the request declares (a length) or may carry (chunked, or HTTP/2 without END_STREAM on its headers).
        if (request.ContentLength > 0 || (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true))
        {
            message.Content = new StreamContent(TeeRequestBody.Install(context).AddCopy());
        }

        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith(':') || SkippedHeaders.Contains(header.Key))
            {
                continue;
            }

            if (ContentHeaders.Contains(header.Key))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
                continue;
            }

            message.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
        }

        ConnectionOptions.RemoveNominated(request.Headers.Connection, message);

        transformer.ApplyRequestModifiers(message);
        _ = SendAsync(cluster.State.Invoker, message, endpoint, cluster.Cluster.Id);
    }

    private async Task SendAsync(HttpMessageInvoker invoker, HttpRequestMessage message, EndpointState endpoint, string clusterId)
    {
        endpoint.Enter();
        using var timeout = new CancellationTokenSource(options.MirrorTimeout, time);
        try
        {
            using var response = await invoker.SendAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.MirrorFailed(logger, clusterId, ex.Message);
        }
        finally
        {
            endpoint.Leave();
            message.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1020, EventName = "MirrorFailed", Level = LogLevel.Debug, Message = "Mirrored request to {Cluster} failed: {Reason}")]
        public static partial void MirrorFailed(ILogger logger, string cluster, string reason);
    }
}
