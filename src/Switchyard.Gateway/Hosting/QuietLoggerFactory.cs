using Microsoft.Extensions.Logging;

namespace Switchyard.Gateway.Hosting;

/// <summary>
/// Hands YARP's and Kestrel's components loggers that pass only warnings and errors: YARP's forwarder logs every
/// request at Information, and Kestrel reports at Information that cleartext ports serve HTTP/1.1 only, which
/// <see cref="H2cPriorKnowledge"/> makes untrue. Everything else goes to the host's factory unchanged.
/// </summary>
internal sealed class QuietLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Yarp.", StringComparison.Ordinal)
            || categoryName.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)
            ? new MinimumLevelLogger(logger, LogLevel.Warning)
            : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The inner factory belongs to the host.</summary>
    public void Dispose()
    {
    }
}
