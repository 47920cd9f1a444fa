using Microsoft.Extensions.Logging;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>What every TLS listener of a data plane shares: settings, clock, log and meter.</summary>
internal sealed class TlsRoutingContext(GatewayDataPlaneOptions options, TimeProvider time, ILogger logger, GatewayMetrics metrics)
{
    /// <summary>Relay buffer per direction and connection, rented from the shared pool.</summary>
    public const int BufferSize = 16 * 1024;

    /// <summary>Endpoints tried for one connection before the client is closed.</summary>
    public const int ConnectAttempts = 3;

    public GatewayDataPlaneOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public GatewayMetrics Metrics { get; } = metrics;
}
