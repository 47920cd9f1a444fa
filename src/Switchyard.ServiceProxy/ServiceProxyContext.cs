using Microsoft.Extensions.Logging;

namespace Switchyard.ServiceProxy;

/// <summary>What every frontend shares: settings, clock, logger and instruments.</summary>
internal sealed class ServiceProxyContext
{
    public ServiceProxyContext(ServiceProxyOptions options, TimeProvider time, ILogger logger, ServiceProxyMetrics metrics)
    {
        Options = options;
        Time = time;
        Logger = logger;
        Metrics = metrics;
    }

    public ServiceProxyOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public ServiceProxyMetrics Metrics { get; }
}
