namespace Switchyard.Gateway.TlsRouting;

/// <summary>How a connection on a TLS listener ended up, as the <c>result</c> tag of <c>switchyard.gateway.tls.connections</c>.</summary>
internal static class TlsOutcome
{
    /// <summary>Relayed to a backend endpoint.</summary>
    public const string Forwarded = "forwarded";

    /// <summary>Not a well-formed ClientHello (or too large, or the client gave up first).</summary>
    public const string InvalidClientHello = "invalid_client_hello";

    /// <summary>No ClientHello within the handshake timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>No listener or route for the SNI name.</summary>
    public const string NoRoute = "no_route";

    /// <summary>The weighted pick landed on a backendRef that did not resolve, or no backend has a weight.</summary>
    public const string Rejected = "rejected";

    /// <summary>The backend Service has no ready endpoints.</summary>
    public const string NoEndpoint = "no_endpoint";

    /// <summary>Every endpoint tried refused or timed out.</summary>
    public const string ConnectFailed = "connect_failed";

    /// <summary>Terminate mode: the TLS handshake with the client failed.</summary>
    public const string HandshakeFailed = "handshake_failed";

    /// <summary>The listener was at its connection limit.</summary>
    public const string Limit = "limit";
}
