using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Forwarding.Http1;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Gateway.Forwarding;

internal sealed partial class RequestHandler
{
    /// <summary>
    /// Starts a lean exchange that settles and observes the request itself when it ends (see
    /// <see cref="IHttp1Completion"/>): the returned Task is the request's whole asynchronous part.
    /// </summary>
    private Task ForwardLean(
        HttpContext context, RuleAction action, BackendChoice backend, CompiledCluster cluster, EndpointState endpoint, Http1ConnectionPool pool, bool observing, in ObservedRequest observed)
    {
        endpoint.Enter();
        var timeout = action.Timeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        var transformer = backend.Transformer;
        return http1.ForwardAsync(
            context, pool, transformer.Http1Plan, null, transformer, timeout?.Token ?? CancellationToken.None,
            new LeanCompletion(this, backend, cluster, endpoint, timeout, observing, observed));
    }

    private readonly struct LeanCompletion(
        RequestHandler handler, BackendChoice backend, CompiledCluster cluster, EndpointState endpoint, CancellationTokenSource? timeout, bool observing, ObservedRequest observed)
        : IHttp1Completion
    {
        public Http1Result Complete(HttpContext context, in Http1Result result)
        {
            var bytes = new ExchangeBytes(result.RequestBodyBytes, result.ResponseBodyBytes);
            try
            {
                handler.Settle(context, result.Error, result.Exception, result.ConnectFailure, backend, cluster, endpoint, timeout);
            }
            finally
            {
                End(context, bytes);
            }

            return result;
        }

        public void Fault(HttpContext context) => End(context, ExchangeBytes.Unknown);

        private void End(HttpContext context, ExchangeBytes bytes)
        {
            endpoint.Leave();
            timeout?.Dispose();
            if (observing)
            {
                var request = observed;
                request.Bytes = bytes;
                handler.Observe(context, in request);
            }
        }
    }
}
