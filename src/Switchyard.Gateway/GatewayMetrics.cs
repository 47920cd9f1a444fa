using System.Diagnostics.Metrics;

namespace Switchyard.Gateway;

/// <summary>
/// The <c>Switchyard.Gateway</c> meter. Tag values come from the configuration (gateway, listener, route, rule,
/// Service) or a bounded set (status code class); never from raw paths, hosts or client addresses.
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Switchyard.Gateway";

    private static readonly string[] CodeClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly Meter? _owned;

    public GatewayMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_owned = new Meter(MeterName));
        Requests = meter.CreateCounter<long>(
            "switchyard.gateway.requests", "{request}", "HTTP requests served, by gateway, listener, route, rule, backend Service and status code class.");
        RequestDuration = meter.CreateHistogram<double>(
            "switchyard.gateway.request.duration", "s", "Time to serve a request, by gateway, listener, route, rule, backend Service and status code class.");
        ConnectErrors = meter.CreateCounter<long>(
            "switchyard.gateway.upstream.connect_errors", "{error}", "Upstream connections that failed (refused, unreachable, TLS), by backend Service.");
        Timeouts = meter.CreateCounter<long>(
            "switchyard.gateway.upstream.timeouts", "{timeout}", "Requests that hit the route timeout (504), by backend Service.");
        Retries = meter.CreateCounter<long>(
            "switchyard.gateway.upstream.retries", "{retry}", "Backend requests retried by a rule's retry policy, by backend Service and reason (status, connection_error, backend_timeout).");
        ActiveConnections = meter.CreateUpDownCounter<long>(
            "switchyard.gateway.connections.active", "{connection}", "Client connections open, by listener binding.");
        Ejections = meter.CreateCounter<long>(
            "switchyard.gateway.endpoint.ejections", "{ejection}", "Endpoints passively ejected after a connect failure, by cluster.");
        TlsConnections = meter.CreateCounter<long>(
            "switchyard.gateway.tls.connections", "{connection}", "Connections on TLS listeners (routed by SNI), by listener binding, route and outcome.");
        AccessLogDropped = meter.CreateCounter<long>(
            "switchyard.gateway.access_log.dropped", "{entry}", "Access-log entries dropped because the writer fell behind.");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> ConnectErrors { get; }

    public Counter<long> Timeouts { get; }

    /// <summary>Tags: service (of the failed attempt), reason (<c>status</c>, <c>connection_error</c>, <c>backend_timeout</c>).</summary>
    public Counter<long> Retries { get; }

    public UpDownCounter<long> ActiveConnections { get; }

    public Counter<long> Ejections { get; }

    public Counter<long> AccessLogDropped { get; }

    /// <summary>Tags: listener (binding), route (<c>tlsroute/ns/name</c> or <c>none</c>), result (see <c>TlsOutcome</c>).</summary>
    public Counter<long> TlsConnections { get; }

    /// <summary>"2xx" and so on; a status outside 100–599 counts as "5xx".</summary>
    public static string CodeClass(int status)
    {
        var index = (status / 100) - 1;
        return (uint)index < (uint)CodeClasses.Length ? CodeClasses[index] : "5xx";
    }

    public void Dispose() => _owned?.Dispose();
}
