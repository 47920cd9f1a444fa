using Microsoft.Extensions.Logging;
using Switchyard.Ir;

namespace Switchyard.Gateway;

public sealed partial class GatewayDataPlane
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, EventName = "SnapshotApplied", Level = LogLevel.Information,
            Message = "Applied snapshot generation {Generation}: {Listeners} listeners in the snapshot, {Serving} serving")]
        public static partial void SnapshotApplied(ILogger logger, long generation, int listeners, int serving);

        [LoggerMessage(EventId = 1001, EventName = "ListenerBound", Level = LogLevel.Information,
            Message = "Listener {ListenerId} serving {Protocol} on {EndPoint}")]
        public static partial void Bound(ILogger logger, string listenerId, string endPoint, ListenerProtocol protocol);

        [LoggerMessage(EventId = 1002, EventName = "ListenerBindFailed", Level = LogLevel.Error,
            Message = "Listener {ListenerId} could not bind {Address}:{Port}: {Reason}")]
        public static partial void BindFailed(ILogger logger, string listenerId, string address, int port, string reason);

        [LoggerMessage(EventId = 1003, EventName = "ListenerStopped", Level = LogLevel.Information,
            Message = "Listener on {EndPoint} stopped")]
        public static partial void Stopped(ILogger logger, string endPoint);

        [LoggerMessage(EventId = 1004, EventName = "CompileProblem", Level = LogLevel.Warning,
            Message = "Listener {ListenerId}: {Problem}")]
        public static partial void CompileProblem(ILogger logger, string listenerId, string problem);
    }
}
