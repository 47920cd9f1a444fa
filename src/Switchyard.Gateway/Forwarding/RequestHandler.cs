using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Switchyard.Gateway.Forwarding.Http1;
using Switchyard.Gateway.Hosting;
using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Serves one request against one compiled listener (read once per request by the caller): route match, then a
/// direct response, a redirect, or forwarding (the lean HTTP/1.1 client for plain HTTP/1.x requests to cleartext
/// HTTP/1.1 backends when enabled, YARP for everything else). Failures are values: 404 no route, 403 client not in the
/// rule's source ranges, 413 body over the rule's limit, 421 a Host of another HTTPS listener than the one the SNI name
/// chose, 500 no usable backend, 503 no endpoint or connection refused (the endpoint is then passively ejected), 504
/// timeout. CORS preflights are answered 204 (<see cref="CorsPlan"/>) and the gateway's own answers carry the rule's
/// CORS headers too. A gRPC call gets these answers (but 421) as gRPC statuses instead (<see cref="GrpcErrors"/>):
/// UNIMPLEMENTED for no route, UNAVAILABLE for no backend or endpoint, DEADLINE_EXCEEDED for a timeout.
/// </summary>
internal sealed partial class RequestHandler(
    IHttpForwarder forwarder,
    Http1Forwarder http1,
    MirrorSender mirrors,
    TimeProvider time,
    GatewayDataPlaneOptions options,
    GatewayMetrics metrics,
    ILogger logger,
    AccessLogQueue? accessLog = null)
{
    private const string ForwardedForHeader = "X-Forwarded-For";

    public GatewayMetrics Metrics => metrics;

    /// <summary>
    /// Serves the request; it is observed (metrics, access log) when it ends. A plain lean exchange is observed by its
    /// own completion (one async state machine per request); anything else asynchronous is awaited here.
    /// </summary>
    public Task HandleAsync(HttpContext context, CompiledListener listener)
    {
        var observing = accessLog is not null || metrics.Requests.Enabled || metrics.RequestDuration.Enabled;
        var observed = new ObservedRequest
        {
            StartedAt = accessLog is null ? default : time.GetUtcNow(),
            Started = observing ? time.GetTimestamp() : 0,
        };
        ValueTask<ExchangeBytes> pending;
        Task? selfObserved;
        try
        {
            pending = Handle(context, listener, observing, ref observed, out selfObserved);
        }
        catch when (observing)
        {
            Observe(context, in observed);
            throw;
        }

        if (selfObserved is not null)
        {
            return selfObserved;
        }

        if (!observing)
        {
            return pending.AsTask();
        }

        if (pending.IsCompletedSuccessfully)
        {
            observed.Bytes = pending.Result;
            Observe(context, in observed);
            return Task.CompletedTask;
        }

        return ObserveWhenDoneAsync(context, pending, observed);
    }

    private async Task ObserveWhenDoneAsync(HttpContext context, ValueTask<ExchangeBytes> pending, ObservedRequest observed)
    {
        try
        {
            observed.Bytes = await pending.ConfigureAwait(false);
        }
        finally
        {
            Observe(context, in observed);
        }
    }

    /// <summary>Records the request's metrics and queues its access-log entry; tags are built only for enabled instruments.</summary>
    private void Observe(HttpContext context, in ObservedRequest observed)
    {
        var rule = observed.Rule;
        var cluster = observed.Cluster;
        var endpoint = observed.Endpoint;
        var bytes = observed.Bytes;
        var attempts = 0;
        if (rule?.Action?.Retry is not null && context.Features.Get<RetryState>() is { } retried)
        {
            // The last attempt's backend, which may differ from the first pick.
            cluster = retried.Cluster;
            endpoint = retried.Endpoint;
            attempts = retried.Attempts;
        }

        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(observed.Started, now);
        var status = context.Response.StatusCode;
        var labels = rule?.Labels ?? RequestLabels.None;
        var service = cluster?.Cluster.Service;
        if (metrics.Requests.Enabled || metrics.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { "gateway", labels.Gateway },
                { "listener", labels.Listener },
                { "route", labels.Route },
                { "rule", labels.Rule },
                { "service", service ?? "none" },
                { "code", GatewayMetrics.CodeClass(status) },
            };
            metrics.Requests.Add(1, in tags);
            metrics.RequestDuration.Record(elapsed.TotalSeconds, in tags);
        }

        if (accessLog is null)
        {
            return;
        }

        var request = context.Request;
        var connection = context.Connection;
        var headers = request.Headers;
        var forwardedFor = headers[ForwardedForHeader];
        var entry = new AccessLogEntry
        {
            Time = observed.StartedAt,
            ClientAddress = connection.RemoteIpAddress,
            ClientPort = connection.RemotePort,
            ForwardedFor = forwardedFor.Count == 0 ? null : forwardedFor.ToString(),
            Method = request.Method,
            Host = headers.Host.Count == 0 ? null : headers.Host.ToString(),
            Path = request.Path.Value,
            Protocol = request.Protocol,
            Status = status,
            BytesIn = bytes.In ?? request.ContentLength,
            BytesOut = bytes.Out ?? context.Response.ContentLength,
            Duration = elapsed,
            UpstreamDuration = observed.ForwardStarted == 0 ? null : time.GetElapsedTime(observed.ForwardStarted, now),
            Gateway = labels.Gateway,
            Listener = labels.Listener,
            Route = labels.Route,
            Rule = labels.Rule,
            Service = service,
            Endpoint = endpoint?.Authority,
            Attempts = attempts,
            Sni = request.IsHttps ? context.Features.Get<ITlsHandshakeFeature>()?.HostName : null,
        };
        if (!accessLog.TryWrite(in entry) && metrics.AccessLogDropped.Enabled)
        {
            metrics.AccessLogDropped.Add(1);
        }
    }

    /// <summary>
    /// Serves the request up to its first wait; <paramref name="observed"/> gets the rule and backend as they are
    /// chosen. A plain lean exchange comes back as <paramref name="selfObserved"/> (it observes the request when it
    /// ends), anything else as the returned value.
    /// </summary>
    private ValueTask<ExchangeBytes> Handle(HttpContext context, CompiledListener listener, bool observing, ref ObservedRequest observed, out Task? selfObserved)
    {
        selfObserved = null;
        CompiledRule? rule;
        var request = context.Request;
        var routes = listener.Routes;
        var routeRequest = new RouteRequest(request.Headers.Host, request.Path.Value, request.Method, request.Headers, request.QueryString.Value);
        if (routes.DetectsMisdirected && request.IsHttps)
        {
            // Gateway API: the Host must select the listener the TLS SNI name selected (a reused connection otherwise).
            rule = routes.Match(in routeRequest, context.Features.Get<ITlsHandshakeFeature>()?.HostName, out var misdirected);
            observed.Rule = rule;
            if (misdirected)
            {
                // Plain 421 even for gRPC: it tells any HTTP client to retry on a connection of its own.
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return default;
            }
        }
        else
        {
            rule = routes.Match(in routeRequest);
            observed.Rule = rule;
        }

        if (rule?.Action is not { } action)
        {
            Reject(context, StatusCodes.Status404NotFound);
            return default;
        }

        if (action.SourceRanges is { } ranges && !ranges.Allows(context.Connection.RemoteIpAddress))
        {
            Reject(context, StatusCodes.Status403Forbidden);
            return default;
        }

        // With a backendRef CORS filter the backend decides the policy, so it is chosen first (preflights included).
        var chosen = action.BackendCors ? action.PickBackend() : null;
        if ((chosen is null ? action.Cors : chosen.Cors) is { } cors && cors.TryAnswerPreflight(context))
        {
            return default;
        }

        switch (action.Kind)
        {
            case RuleActionKind.DirectResponse:
                action.Cors?.ApplyToResponse(context);
                return WriteDirectResponseAsync(context, action);
            case RuleActionKind.Redirect:
                action.Cors?.ApplyToResponse(context);
                WriteRedirect(context, action);
                return default;
            default:
                return ForwardAsync(context, action, chosen, observing, ref observed, out selfObserved);
        }
    }

    /// <summary>An error answer of the gateway for a matched rule: a browser reads it only with the rule's CORS headers.</summary>
    private static void Reject(HttpContext context, CorsPlan? cors, int status)
    {
        cors?.ApplyToResponse(context);
        Reject(context, status);
    }

    /// <summary>Answers with an error status, or its gRPC form for a gRPC call.</summary>
    private static void Reject(HttpContext context, int status)
    {
        if (GrpcErrors.IsGrpc(context.Request))
        {
            GrpcErrors.Write(context, status);
        }
        else
        {
            context.Response.StatusCode = status;
        }
    }

    private static async ValueTask<ExchangeBytes> WriteDirectResponseAsync(HttpContext context, RuleAction action)
    {
        var response = context.Response;
        if (action.StatusCode >= StatusCodes.Status400BadRequest && GrpcErrors.IsGrpc(context.Request))
        {
            GrpcErrors.Write(context, action.StatusCode);
            action.ResponseHeaders?.Apply(response.Headers);
            return default;
        }

        response.StatusCode = action.StatusCode;
        action.ResponseHeaders?.Apply(response.Headers);
        if (action.Body is not { } body || !CanHaveBody(action.StatusCode) || HttpMethods.IsHead(context.Request.Method))
        {
            return default;
        }

        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
        return new ExchangeBytes(null, body.Length);
    }

    private static bool CanHaveBody(int status) => status >= 200 && status != StatusCodes.Status204NoContent && status != StatusCodes.Status304NotModified;

    private static void WriteRedirect(HttpContext context, RuleAction action)
    {
        var request = context.Request;
        string? hostHeader = request.Headers.Host;
        var host = Hostnames.StripPort(hostHeader);
        if (host.IsEmpty)
        {
            host = context.Connection.LocalIpAddress?.ToString();
        }

        var location = RedirectBuilder.BuildLocation(
            action.Redirect!,
            request.Scheme,
            host,
            context.Connection.LocalPort,
            request.Path.HasValue ? request.Path.Value! : "/",
            request.QueryString.Value,
            action.MatchedPrefix,
            string.IsNullOrEmpty(hostHeader) ? host.ToString() : hostHeader);
        var response = context.Response;
        response.StatusCode = action.StatusCode;
        response.Headers.Location = location;
        action.ResponseHeaders?.Apply(response.Headers);
    }

    private ValueTask<ExchangeBytes> ForwardAsync(
        HttpContext context, RuleAction action, BackendChoice? chosen, bool observing, ref ObservedRequest observed, out Task? selfObserved)
    {
        selfObserved = null;
        var backend = chosen ?? action.PickBackend();
        if (action.MaxRequestBodySize is { } limit && !LimitBody(context, limit))
        {
            Reject(context, backend.Cors, StatusCodes.Status413PayloadTooLarge);
            return default;
        }

        var cluster = backend.Cluster;
        observed.Cluster = cluster;
        if (cluster is null)
        {
            Reject(context, backend.Cors, backend.DirectStatus);
            return default;
        }

        var endpoint = cluster.PickEndpoint(time);
        observed.Endpoint = endpoint;
        if (endpoint is null)
        {
            Reject(context, backend.Cors, StatusCodes.Status503ServiceUnavailable);
            return default;
        }

        foreach (var mirror in action.Mirrors)
        {
            if (mirror.Fraction >= 1.0 || Random.Shared.NextDouble() < mirror.Fraction)
            {
                mirrors.Send(context, mirror, backend.Transformer);
            }
        }

        observed.ForwardStarted = time.GetTimestamp();
        if (action.Retry is { } retry && CanRetry(context))
        {
            return ForwardWithRetriesAsync(context, action, retry, backend, cluster, endpoint);
        }

        if (endpoint.Http1 is { } pool && Http1Forwarder.CanForward(context))
        {
            selfObserved = ForwardLean(context, action, backend, cluster, endpoint, pool, observing, in observed);
            return default;
        }

        return new ValueTask<ExchangeBytes>(ForwardThroughYarpAsync(context, action, backend, cluster, endpoint));
    }

    /// <summary>
    /// False when the declared length is over the limit; otherwise caps what the server reads, so a chunked body that
    /// grows past the limit fails while being forwarded (and is answered 413 if the response has not started).
    /// </summary>
    private static bool LimitBody(HttpContext context, long limit)
    {
        if (context.Request.ContentLength is { } length)
        {
            return length <= limit;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return true;
    }

    // A Task, not a pooled ValueTask: Kestrel wants a Task, and a Task-backed ValueTask turns into one without the
    // wrapper AsTask() otherwise allocates (pooled boxes run out with many requests in flight anyway).
    private async Task<ExchangeBytes> ForwardThroughYarpAsync(HttpContext context, RuleAction action, BackendChoice backend, CompiledCluster cluster, EndpointState endpoint)
    {
        endpoint.Enter();
        var timeout = action.Timeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        try
        {
            // YARP copies bodies through the streams: count them only when the access log will report them.
            CountingStream? requestBody = null;
            CountingResponseBodyFeature? responseBody = null;
            if (accessLog is not null)
            {
                requestBody = new CountingStream(context.Request.Body);
                context.Request.Body = requestBody;
                if (context.Features.Get<IHttpResponseBodyFeature>() is { } bodyFeature)
                {
                    responseBody = new CountingResponseBodyFeature(bodyFeature);
                    context.Features.Set<IHttpResponseBodyFeature>(responseBody);
                }
            }

            var state = cluster.State;
            var error = await forwarder.SendAsync(
                context, endpoint.DestinationPrefix, state.Invoker, state.RequestConfig, backend.Transformer, timeout?.Token ?? CancellationToken.None)
                .ConfigureAwait(false);
            var exception = error == ForwarderError.None ? null : context.Features.Get<IForwarderErrorFeature>()?.Exception;
            var bytes = new ExchangeBytes(requestBody?.BytesRead, responseBody?.BytesWritten);
            Settle(context, error, exception, IsYarpConnectFailure(error, exception), backend, cluster, endpoint, timeout);
            return bytes;
        }
        finally
        {
            endpoint.Leave();
            timeout?.Dispose();
        }
    }

    /// <summary>
    /// After one exchange: a success keeps the endpoint healthy; an error picks the status (or ejects the endpoint)
    /// and is shaped for the client (<see cref="ShapeErrorResponse"/>).
    /// </summary>
    private void Settle(
        HttpContext context, ForwarderError error, Exception? exception, bool connectFailure, BackendChoice backend, CompiledCluster cluster, EndpointState endpoint, CancellationTokenSource? timeout)
    {
        if (error == ForwarderError.None)
        {
            endpoint.ReportSuccess();
            return;
        }

        OnForwardError(context, error, exception, connectFailure, cluster, endpoint, timeout);
        if (!context.Response.HasStarted)
        {
            ShapeErrorResponse(context, backend.Cors);
        }
    }

    /// <summary>
    /// Puts the error status already chosen (by the gateway or the forwarder) into the forms clients read: the rule's
    /// CORS headers for a browser, a gRPC status for a gRPC call. Only before the response has started.
    /// </summary>
    private static void ShapeErrorResponse(HttpContext context, CorsPlan? cors)
    {
        cors?.ApplyToResponse(context);
        var status = context.Response.StatusCode;
        if (status >= StatusCodes.Status400BadRequest && GrpcErrors.IsGrpc(context.Request))
        {
            GrpcErrors.Write(context, status);
        }
    }

    private void OnForwardError(
        HttpContext context, ForwarderError error, Exception? exception, bool connectFailure, CompiledCluster cluster, EndpointState endpoint, CancellationTokenSource? timeout)
    {
        var response = context.Response;
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (timeout is { IsCancellationRequested: true })
        {
            if (metrics.Timeouts.Enabled)
            {
                metrics.Timeouts.Add(1, new KeyValuePair<string, object?>("service", cluster.Cluster.Service));
            }

            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status504GatewayTimeout;
            }

            return;
        }

        if (error == ForwarderError.RequestBodyClient && IsBodyTooLarge(exception))
        {
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }

            return;
        }

        if (connectFailure)
        {
            if (metrics.ConnectErrors.Enabled)
            {
                metrics.ConnectErrors.Add(1, new KeyValuePair<string, object?>("service", cluster.Cluster.Service));
            }

            var backoff = endpoint.ReportConnectFailure(time, options.EjectionBaseBackoff, options.EjectionMaxBackoff);
            if (metrics.Ejections.Enabled)
            {
                metrics.Ejections.Add(1, new KeyValuePair<string, object?>("cluster", cluster.Cluster.Id));
            }

            Log.EndpointEjected(logger, cluster.Cluster.Id, endpoint.Address, endpoint.Port, backoff.TotalSeconds, exception?.Message ?? error.ToString());
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }

            return;
        }

        if (error == ForwarderError.RequestTimedOut && !response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status504GatewayTimeout;
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.ForwardFailed(logger, cluster.Cluster.Id, endpoint.Address, endpoint.Port, error, exception?.Message);
        }
    }

    /// <summary>
    /// An idle (activity) timeout while waiting for the response is the backend being slow, not unreachable: 504 without
    /// ejecting the endpoint. A request that timed out while connecting is a connect failure.
    /// </summary>
    private static bool IsYarpConnectFailure(ForwarderError error, Exception? exception) =>
        (error == ForwarderError.Request && IsConnectFailure(exception, lowLevelCounts: true))
        || (error == ForwarderError.RequestTimedOut && IsConnectFailure(exception, lowLevelCounts: false));

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the endpoint could not be connected to (refused, unreachable, connect timeout, TLS failure). A timed-out
    /// request counts only when HttpClient says the connection failed: cancelling an exchange also aborts its socket.
    /// </summary>
    private static bool IsConnectFailure(Exception? exception, bool lowLevelCounts)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError }:
                    return true;
                case SocketException or TimeoutException when lowLevelCounts:
                    return true;
            }
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1010, EventName = "EndpointEjected", Level = LogLevel.Warning,
            Message = "Endpoint {Address}:{Port} of {Cluster} failed to connect; ejected for {BackoffSeconds} s: {Reason}")]
        public static partial void EndpointEjected(ILogger logger, string cluster, string address, int port, double backoffSeconds, string reason);

        [LoggerMessage(EventId = 1011, EventName = "ForwardFailed", Level = LogLevel.Debug,
            Message = "Forwarding to {Address}:{Port} of {Cluster} failed: {Error} {Reason}")]
        public static partial void ForwardFailed(ILogger logger, string cluster, string address, int port, ForwarderError error, string? reason);
    }
}
