using Microsoft.Extensions.Logging;

namespace Switchyard.Gateway.Hosting;

/// <summary>A logger that drops entries below <paramref name="minimum"/>.</summary>
internal sealed class MinimumLevelLogger(ILogger inner, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= minimum)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
