using Microsoft.Extensions.Logging;

namespace Switchyard.Cli.Observability;

/// <summary>Console logging for <c>serve</c> by <c>--log-format</c>: one line per event as text, or one JSON object per line.</summary>
internal static class LoggingSetup
{
    public static ILoggingBuilder AddServeConsole(this ILoggingBuilder builder, string format) =>
        string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            ? builder.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            })
            : builder.AddSimpleConsole(o => o.SingleLine = true);
}
