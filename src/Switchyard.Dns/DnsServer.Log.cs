using Microsoft.Extensions.Logging;

namespace Switchyard.Dns;

public sealed partial class DnsServer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, EventName = "Listening", Level = LogLevel.Information, Message = "DNS on {Endpoint} (UDP and TCP), upstream {Upstream}")]
        public static partial void Listening(ILogger logger, string endpoint, string upstream);

        [LoggerMessage(EventId = 2002, EventName = "SnapshotApplied", Level = LogLevel.Debug, Message = "DNS view of generation {Generation} in use ({Names} names)")]
        public static partial void SnapshotApplied(ILogger logger, long generation, int names);

        [LoggerMessage(EventId = 2003, EventName = "StaleSnapshot", Level = LogLevel.Warning, Message = "DNS snapshot of generation {Generation} ignored: generation {Current} is already in use")]
        public static partial void StaleSnapshot(ILogger logger, long generation, long current);

        [LoggerMessage(EventId = 2004, EventName = "QueryFailed", Level = LogLevel.Error, Message = "DNS query handling failed (a bug: queries should fail as rcodes)")]
        public static partial void QueryFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2005, EventName = "TcpConnectionRefused", Level = LogLevel.Warning, Message = "DNS TCP connection refused: {Max} connections already open")]
        public static partial void TcpConnectionRefused(ILogger logger, int max);
    }
}
