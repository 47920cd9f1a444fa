using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Switchyard.Gateway.Forwarding.Http1;
using Switchyard.Gateway.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Forwarding for rules with a retry policy (Gateway API <c>rules[].retry</c>). An attempt is retried when the backend
/// answers with a listed status (the answer is dropped before anything reaches the client), when the connection is
/// refused or fails before a response head (reset, closed), or when the attempt runs past <c>timeouts.backendRequest</c>.
/// Each retry waits the backoff, then picks a backend again by weight and preferably another endpoint. All attempts and
/// waits together are bounded by <c>timeouts.request</c> (504 when it passes). The last attempt's answer goes to the
/// client; when it is a connection error the answer is 503. Only a body that is empty or buffered
/// (<see cref="RetryBody"/>) is sent more than once; mirrors were sent once before the first attempt.
/// </summary>
internal sealed partial class RequestHandler
{
    private static readonly Action<object?> CancelSource = static state => ((CancellationTokenSource)state!).Cancel();

    private async ValueTask<ExchangeBytes> ForwardWithRetriesAsync(
        HttpContext context, RuleAction action, RetryPlan retry, BackendChoice backend, CompiledCluster cluster, EndpointState endpoint)
    {
        var state = new RetryState(cluster, endpoint);
        context.Features.Set(state);
        var response = context.Response;
        var body = await RetryBody.ReadAsync(context).ConfigureAwait(false);
        if (body.Kind == RetryBodyKind.Failed)
        {
            if (body.FailureStatus != 0 && !response.HasStarted)
            {
                Reject(context, backend.Cors, body.FailureStatus);
            }

            return ExchangeBytes.Unknown;
        }

        var budget = body.CanReplay ? retry.Attempts : 0;
        using var overall = retry.RequestTimeout is { } requestTimeout ? new CancellationTokenSource(requestTimeout, time) : null;
        CountingResponseBodyFeature? responseBody = null;
        long? bytesIn = body.CanReplay ? body.Length : null;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                backend = action.PickBackend();
                if (backend.Cluster is not { } next)
                {
                    Reject(context, backend.Cors, backend.DirectStatus);
                    return new ExchangeBytes(bytesIn, null);
                }

                cluster = next;
                if (cluster.PickEndpoint(time, endpoint) is not { } picked)
                {
                    Reject(context, backend.Cors, StatusCodes.Status503ServiceUnavailable);
                    return new ExchangeBytes(bytesIn, null);
                }

                endpoint = picked;
                state.Cluster = cluster;
                state.Endpoint = endpoint;
            }

            state.Attempts = attempt + 1;
            body.Install(context);
            var last = attempt >= budget;
            var attemptTimeout = retry.BackendRequestTimeout is { } backendTimeout ? new CancellationTokenSource(backendTimeout, time) : null;
            var link = attemptTimeout is not null && overall is not null ? overall.Token.UnsafeRegister(CancelSource, attemptTimeout) : default;
            var timeout = attemptTimeout ?? overall;
            ForwarderError error;
            Exception? exception;
            bool connectFailure;
            int retryStatus;
            long? bytesOut;
            endpoint.Enter();
            try
            {
                var token = timeout?.Token ?? CancellationToken.None;
                if (endpoint.Http1 is { } pool && Http1Forwarder.CanForward(context))
                {
                    var transformer = backend.Transformer;
                    var result = await http1.ForwardAsync(
                        context, pool, transformer.Http1Plan, last ? null : retry, transformer, token, default(PassThroughCompletion), resendOnStaleConnection: false).ConfigureAwait(false);
                    (error, exception, connectFailure) = result;
                    retryStatus = result.RetryStatus;
                    bytesOut = result.ResponseBodyBytes;
                }
                else
                {
                    if (accessLog is not null && responseBody is null && context.Features.Get<IHttpResponseBodyFeature>() is { } bodyFeature)
                    {
                        responseBody = new CountingResponseBodyFeature(bodyFeature);
                        context.Features.Set<IHttpResponseBodyFeature>(responseBody);
                    }

                    var retrying = last ? null : new RetryTransformer(backend.Transformer, retry);
                    var clusterState = cluster.State;
                    error = await forwarder.SendAsync(
                        context, endpoint.DestinationPrefix, clusterState.Invoker, clusterState.RequestConfig, retrying ?? (HttpTransformer)backend.Transformer, token)
                        .ConfigureAwait(false);
                    exception = error == ForwarderError.None ? null : context.Features.Get<IForwarderErrorFeature>()?.Exception;
                    connectFailure = IsYarpConnectFailure(error, exception);
                    retryStatus = retrying?.RetryStatus ?? 0;
                    bytesOut = responseBody?.BytesWritten;
                }
            }
            finally
            {
                endpoint.Leave();
                link.Dispose();
            }

            var bytes = new ExchangeBytes(bytesIn, bytesOut);
            string reason;
            try
            {
                if (error == ForwarderError.None)
                {
                    endpoint.ReportSuccess();
                    if (retryStatus == 0)
                    {
                        return bytes;
                    }

                    reason = "status";
                }
                else
                {
                    var requestTimedOut = overall is { IsCancellationRequested: true };
                    var attemptTimedOut = !requestTimedOut && attemptTimeout is { IsCancellationRequested: true };
                    var connectionError = !attemptTimedOut && !requestTimedOut
                        && (connectFailure || error is ForwarderError.Request or ForwarderError.RequestBodyDestination);

                    // The same error handling as a request sent once: ejection on a refused connection, 504 on a timeout.
                    OnForwardError(context, error, exception, connectFailure, cluster, endpoint, timeout);
                    if (last || requestTimedOut || response.HasStarted || context.RequestAborted.IsCancellationRequested || !(attemptTimedOut || connectionError))
                    {
                        FinishError(context, backend.Cors, connectionError);
                        return bytes;
                    }

                    reason = attemptTimedOut ? "backend_timeout" : "connection_error";
                }
            }
            finally
            {
                attemptTimeout?.Dispose();
            }

            // Retry: undo what the failed attempt set on the response, count it, wait the backoff.
            response.Clear();
            if (metrics.Retries.Enabled)
            {
                metrics.Retries.Add(1, new KeyValuePair<string, object?>("service", cluster.Cluster.Service), new KeyValuePair<string, object?>("reason", reason));
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.Retrying(logger, cluster.Cluster.Id, endpoint.Address, endpoint.Port, reason, retryStatus, attempt + 1);
            }

            if (!await BackoffAsync(context, retry.Delay(attempt + 1), overall).ConfigureAwait(false))
            {
                if (overall is { IsCancellationRequested: true } && !context.RequestAborted.IsCancellationRequested)
                {
                    if (metrics.Timeouts.Enabled)
                    {
                        metrics.Timeouts.Add(1, new KeyValuePair<string, object?>("service", cluster.Cluster.Service));
                    }

                    response.StatusCode = StatusCodes.Status504GatewayTimeout;
                    FinishError(context, backend.Cors, connectionError: false);
                }

                return bytes;
            }
        }
    }

    /// <summary>
    /// Upgrades (WebSocket over HTTP/1.1 or extended CONNECT) and gRPC calls are sent once: their streams run both ways
    /// at once (reading the request body first would stall them) and a gRPC error travels in trailers, not the status.
    /// </summary>
    private static bool CanRetry(HttpContext context)
    {
        var request = context.Request;
        return !HttpMethods.IsConnect(request.Method)
            && context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true }
            && !GrpcErrors.IsGrpc(request);
    }

    /// <summary>Waits before a retry; false when the request timeout passed or the client went away meanwhile.</summary>
    private async ValueTask<bool> BackoffAsync(HttpContext context, TimeSpan delay, CancellationTokenSource? overall)
    {
        var aborted = context.RequestAborted;
        if (overall?.IsCancellationRequested == true || aborted.IsCancellationRequested)
        {
            return false;
        }

        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        using var linked = overall is null ? null : CancellationTokenSource.CreateLinkedTokenSource(aborted, overall.Token);
        try
        {
            await Task.Delay(delay, time, linked?.Token ?? aborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last attempt failed: its status (503 for a connection error), as gRPC for a gRPC call, with CORS headers.</summary>
    private static void FinishError(HttpContext context, CorsPlan? cors, bool connectionError)
    {
        var response = context.Response;
        if (response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (connectionError)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        ShapeErrorResponse(context, cors);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1012, EventName = "Retrying", Level = LogLevel.Debug,
            Message = "Attempt {Attempt} to {Address}:{Port} of {Cluster} is retried: {Reason} {Status}")]
        public static partial void Retrying(ILogger logger, string cluster, string address, int port, string reason, int status, int attempt);
    }
}
