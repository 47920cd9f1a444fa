using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Gateway.Forwarding;

/// <summary>What the metrics and the access log report of one request, filled in as the request is served.</summary>
internal struct ObservedRequest
{
    /// <summary>Wall-clock start, read only when the access log is on.</summary>
    public DateTimeOffset StartedAt;

    /// <summary>Monotonic start (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long Started;

    public CompiledRule? Rule;

    public CompiledCluster? Cluster;

    public EndpointState? Endpoint;

    /// <summary>When forwarding began; 0 when the request was not forwarded.</summary>
    public long ForwardStarted;

    public ExchangeBytes Bytes;
}
