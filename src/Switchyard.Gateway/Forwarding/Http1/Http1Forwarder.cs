using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// The lean HTTP/1.1 forwarder for the common case: a plain HTTP/1.x request without an upgrade, to a cleartext
/// HTTP/1.1 backend. It writes the request head straight from Kestrel's headers into a pooled connection's buffer,
/// streams the body (Content-Length as is, otherwise chunked), parses the response head in place, applies it to the
/// Kestrel response and copies the body (Content-Length, chunked or close-delimited) with a flush whenever it waits
/// on the backend. A connection is reused only after a complete exchange both sides agreed to keep alive; a request
/// without a body that fails on a reused connection before any response byte is retried once on a new one (not for
/// rules with a retry policy: their retries are counted, so a reset is one attempt). Errors are
/// reported with YARP's <see cref="ForwarderError"/> values and status codes, so both paths share the error handling.
/// </summary>
internal sealed partial class Http1Forwarder(int maxResponseHeadersBytes)
{
    private static readonly Action<object?> AbortCanceled = static state => ((Http1Connection)state!).Abort(Http1AbortReason.Canceled);

    /// <summary>True for requests the lean path serves: HTTP/1.x, not CONNECT, no upgrade.</summary>
    public static bool CanForward(HttpContext context)
    {
        var request = context.Request;
        var protocol = request.Protocol;
        if (!HttpProtocol.IsHttp11(protocol) && !HttpProtocol.IsHttp10(protocol))
        {
            return false;
        }

        return !HttpMethods.IsConnect(request.Method) && context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true };
    }

    /// <summary>
    /// Forwards the request; the outcome goes to <paramref name="completion"/> (which is told too when an unexpected
    /// exception escapes) and is returned. A Task, not a pooled ValueTask: on the plain path it is the request's Task
    /// for Kestrel, so one state machine serves the whole request, and pooled boxes run out with many requests in
    /// flight anyway.
    /// </summary>
    public async Task<Http1Result> ForwardAsync<TCompletion>(
        HttpContext context,
        Http1ConnectionPool pool,
        Http1RequestPlan plan,
        RetryPlan? retryOn,
        RuleTransformer transformer,
        CancellationToken timeout,
        TCompletion completion,
        bool resendOnStaleConnection = true)
        where TCompletion : IHttp1Completion
    {
        Http1Result result;
        try
        {
            var request = context.Request;
            var body = DetectBody(context);
            var connection = pool.Rent(check: body != Http1RequestBody.None);
            var reused = connection is not null;
            while (true)
            {
                if (connection is null)
                {
                    try
                    {
                        connection = await pool.ConnectAsync(timeout).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is SocketException or TimeoutException or OperationCanceledException)
                    {
                        context.Response.StatusCode = StatusCodes.Status502BadGateway;
                        var canceled = ex is OperationCanceledException;
                        result = new Http1Result(
                            canceled ? ForwarderError.RequestCanceled : ForwarderError.Request,
                            canceled ? ex : new HttpRequestException(HttpRequestError.ConnectionError, ex.Message, ex),
                            ConnectFailure: !canceled);
                        break;
                    }
                }

                connection.BeginExchange();
                var onAborted = context.RequestAborted.UnsafeRegister(AbortCanceled, connection);
                var onTimeout = timeout.CanBeCanceled ? timeout.UnsafeRegister(AbortCanceled, connection) : default;
                Task<BodySendResult>? bodyTask = null;
                var receivedAny = false;
                var headApplied = false;
                var reusable = false;
                var retryStatus = 0;
                Exception? failure = null;
                BodyCopyStatus copy = BodyCopyStatus.Complete;
                try
                {
                    var headLength = WriteHead(context, connection, plan, body, pool.Authority);
                    await connection.SendWriteBufferAsync(headLength).ConfigureAwait(false);
                    if (body != Http1RequestBody.None)
                    {
                        bodyTask = SendBodyAsync(request.BodyReader, connection, body == Http1RequestBody.Chunked);
                    }

                    var isHead = HttpMethods.IsHead(request.Method);
                    ResponseHead head;
                    while (true)
                    {
                        var status = TryReadHead(context, connection, transformer, isHead, out head);
                        if (status == HeadStatus.Complete)
                        {
                            headApplied = true;
                            break;
                        }

                        if (status == HeadStatus.Invalid)
                        {
                            failure = new HttpRequestException(HttpRequestError.InvalidResponse, "The backend's response head is not valid HTTP/1.1.");
                            break;
                        }

                        if (status == HeadStatus.NeedMore)
                        {
                            if (connection.IsFull(maxResponseHeadersBytes))
                            {
                                failure = new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, "The backend's response header section is too large.");
                                break;
                            }

                            if (!connection.EndFill(await connection.BeginFill(maxResponseHeadersBytes).ConfigureAwait(false)))
                            {
                                failure = new HttpRequestException(HttpRequestError.ResponseEnded, "The backend closed the connection before a complete response head.");
                                break;
                            }

                            receivedAny = true;
                        }
                    }

                    if (headApplied && retryOn is not null && retryOn.RetriesStatus(context.Response.StatusCode))
                    {
                        // The caller retries: nothing of this response reaches the client. The connection is kept only when
                        // its body (if any) is already here to skip.
                        retryStatus = context.Response.StatusCode;
                        context.Response.Clear();
                        var skippable = head.Framing == ResponseFraming.None
                            || (head.Framing == ResponseFraming.ContentLength && connection.BufferedCount >= head.ContentLength);
                        if (head.Framing == ResponseFraming.ContentLength && skippable)
                        {
                            connection.Consume((int)head.ContentLength);
                        }

                        reusable = skippable && head.KeepAlive && connection.BufferedCount == 0;
                    }
                    else if (headApplied)
                    {
                        copy = head.Framing == ResponseFraming.ContentLength && connection.BufferedCount >= head.ContentLength
                            ? WriteBuffered(context, connection, head.ContentLength)
                            : head.Framing == ResponseFraming.None
                                ? BodyCopyStatus.Complete
                                : await CopyBodyAsync(context, connection, head).ConfigureAwait(false);
                        reusable = copy == BodyCopyStatus.Complete && head.KeepAlive && head.Framing != ResponseFraming.Close && connection.BufferedCount == 0;
                    }
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
                {
                    failure = ex;
                }
                finally
                {
                    onAborted.Dispose();
                    onTimeout.Dispose();
                }

                // The request body may still be streaming: stop it unless the exchange completed with it.
                BodySendResult sent = default;
                if (bodyTask is not null)
                {
                    if (!bodyTask.IsCompleted)
                    {
                        reusable = false;
                        connection.Abort(failure is null && copy == BodyCopyStatus.Complete ? Http1AbortReason.ResponseCompleted : Http1AbortReason.Canceled);
                        request.BodyReader.CancelPendingRead();
                    }

                    sent = await bodyTask.ConfigureAwait(false);
                    reusable &= sent.Status == BodySendStatus.Success;
                }

                connection.EndExchange();
                var reason = connection.AbortReason;
                var requestBytes = connection.RequestBodyBytes;
                var responseBytes = connection.ResponseBodyBytes;
                if (reusable && reason == Http1AbortReason.None)
                {
                    pool.Return(connection);
                    result = Http1Result.Success with { RequestBodyBytes = requestBytes, ResponseBodyBytes = responseBytes, RetryStatus = retryStatus };
                    break;
                }

                connection.Dispose();
                if (failure is null && copy == BodyCopyStatus.Complete)
                {
                    result = Http1Result.Success with { RequestBodyBytes = requestBytes, ResponseBodyBytes = responseBytes, RetryStatus = retryStatus };
                    break;
                }

                if (!headApplied)
                {
                    if (resendOnStaleConnection && reused && body == Http1RequestBody.None && !receivedAny && reason == Http1AbortReason.None)
                    {
                        // A keep-alive connection the backend closed while it sat in the pool: try once on a new one.
                        connection = null;
                        reused = false;
                        continue;
                    }

                    result = RequestFailed(context, failure, reason, sent) with { RequestBodyBytes = requestBytes };
                    break;
                }

                result = ResponseFailed(context, failure, copy, reason) with { RequestBodyBytes = requestBytes, ResponseBodyBytes = responseBytes };
                break;
            }
        }
        catch
        {
            completion.Fault(context);
            throw;
        }

        return completion.Complete(context, in result);
    }

    private static Http1RequestBody DetectBody(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return Http1RequestBody.None;
        }

        var headers = context.Request.Headers;
        if (headers.TransferEncoding.Count > 0)
        {
            return Http1RequestBody.Chunked;
        }

        return headers.ContentLength > 0 ? Http1RequestBody.ContentLength : Http1RequestBody.None;
    }

    /// <summary>No usable response head: the same errors and status codes as YARP's forwarder.</summary>
    private static Http1Result RequestFailed(HttpContext context, Exception? failure, Http1AbortReason reason, BodySendResult sent)
    {
        var response = context.Response;
        if (sent.Status == BodySendStatus.InputError)
        {
            response.StatusCode = reason == Http1AbortReason.ActivityTimeout
                ? StatusCodes.Status408RequestTimeout
                : sent.Exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return new Http1Result(ForwarderError.RequestBodyClient, sent.Exception, ConnectFailure: false);
        }

        switch (reason)
        {
            case Http1AbortReason.Canceled:
                response.StatusCode = context.RequestAborted.IsCancellationRequested ? StatusCodes.Status400BadRequest : StatusCodes.Status502BadGateway;
                return new Http1Result(ForwarderError.RequestCanceled, failure, ConnectFailure: false);
            case Http1AbortReason.ActivityTimeout:
                response.StatusCode = StatusCodes.Status504GatewayTimeout;
                return new Http1Result(ForwarderError.RequestTimedOut, new TimeoutException("No response activity within the backend's read timeout.", failure), ConnectFailure: false);
        }

        response.StatusCode = StatusCodes.Status502BadGateway;
        return sent.Status == BodySendStatus.OutputError
            ? new Http1Result(ForwarderError.RequestBodyDestination, sent.Exception, ConnectFailure: false)
            : new Http1Result(ForwarderError.Request, failure, ConnectFailure: false);
    }

    /// <summary>The response head was applied but its body failed: 502 if nothing was sent yet, else the client connection is aborted.</summary>
    private static Http1Result ResponseFailed(HttpContext context, Exception? failure, BodyCopyStatus copy, Http1AbortReason reason)
    {
        var error = reason is Http1AbortReason.Canceled or Http1AbortReason.ActivityTimeout
            ? ForwarderError.ResponseBodyCanceled
            : copy == BodyCopyStatus.ClientGone ? ForwarderError.ResponseBodyClient : ForwarderError.ResponseBodyDestination;
        failure ??= new IOException(copy switch
        {
            BodyCopyStatus.Invalid => "The backend's chunked response body is not valid.",
            BodyCopyStatus.ClientGone => "The client connection closed during the response body.",
            _ => "The backend closed the connection during the response body.",
        });
        var response = context.Response;
        if (!response.HasStarted)
        {
            response.Clear();
            response.StatusCode = StatusCodes.Status502BadGateway;
        }
        else
        {
            context.Abort();
        }

        return new Http1Result(error, failure, ConnectFailure: false);
    }
}
