using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Switchyard.Gateway.TlsRouting;

internal sealed partial class TlsListenerHost
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1050, EventName = "TlsClientHelloRefused", Level = LogLevel.Debug,
            Message = "TLS listener {Listener}: connection closed, no usable ClientHello: {Reason}")]
        public static partial void ClientHelloRefused(ILogger logger, string listener, string reason);

        [LoggerMessage(EventId = 1051, EventName = "TlsNoRoute", Level = LogLevel.Debug,
            Message = "TLS listener {Listener}: connection closed, no route for server name {ServerName}")]
        public static partial void NoRoute(ILogger logger, string listener, string serverName);

        [LoggerMessage(EventId = 1052, EventName = "TlsConnectFailed", Level = LogLevel.Warning,
            Message = "TLS route {Route}: endpoint {Endpoint} failed to connect; ejected for {BackoffSeconds} s: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, string route, string endpoint, double backoffSeconds, string reason);

        [LoggerMessage(EventId = 1053, EventName = "TlsConnectionEnded", Level = LogLevel.Debug,
            Message = "TLS listener {Listener}, route {Route}: connection ended: {Reason}")]
        public static partial void ConnectionEnded(ILogger logger, string listener, string route, string reason);

        [LoggerMessage(EventId = 1054, EventName = "TlsConnectionsDraining", Level = LogLevel.Information,
            Message = "TLS listener {Listener}: {Count} connection(s) no longer routed the same way by generation {Generation}; closing them in {DrainSeconds} s")]
        public static partial void ConnectionsDraining(ILogger logger, string listener, int count, double drainSeconds, long generation);

        [LoggerMessage(EventId = 1055, EventName = "TlsConnectionLimit", Level = LogLevel.Warning,
            Message = "TLS listener {Listener}: {Limit} connections open; new connection reset")]
        public static partial void ConnectionLimit(ILogger logger, string listener, int limit);

        [LoggerMessage(EventId = 1056, EventName = "TlsAcceptFailed", Level = LogLevel.Warning,
            Message = "TLS listener {Listener}: accept failed: {Error}")]
        public static partial void AcceptFailed(ILogger logger, string listener, SocketError error);

        [LoggerMessage(EventId = 1057, EventName = "TlsStopTimedOut", Level = LogLevel.Warning,
            Message = "TLS listener {Listener}: {Count} connection(s) still open after being reset")]
        public static partial void StopTimedOut(ILogger logger, string listener, int count);
    }
}
