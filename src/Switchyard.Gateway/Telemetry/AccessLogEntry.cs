using System.Net;

namespace Switchyard.Gateway.Telemetry;

/// <summary>
/// One served request, as queued for the access log. A struct of references the request already holds (no
/// formatting on the request path); the writer formats it off the request path.
/// </summary>
public readonly record struct AccessLogEntry
{
    public DateTimeOffset Time { get; init; }

    public IPAddress? ClientAddress { get; init; }

    public int ClientPort { get; init; }

    /// <summary>The X-Forwarded-For header as received, or null.</summary>
    public string? ForwardedFor { get; init; }

    public string Method { get; init; }

    public string? Host { get; init; }

    public string? Path { get; init; }

    public string Protocol { get; init; }

    public int Status { get; init; }

    /// <summary>Request body size from Content-Length; null when unknown (chunked or none declared).</summary>
    public long? BytesIn { get; init; }

    /// <summary>Response body size from Content-Length; null when unknown (chunked).</summary>
    public long? BytesOut { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Time from handing the request to the upstream until the response completed; null when not forwarded.</summary>
    public TimeSpan? UpstreamDuration { get; init; }

    /// <summary><c>ns/gateway</c>, or <c>none</c> when no route matched.</summary>
    public string Gateway { get; init; }

    public string Listener { get; init; }

    /// <summary>The route, <c>ns/name</c>, or <c>none</c>.</summary>
    public string Route { get; init; }

    public string Rule { get; init; }

    /// <summary>The backend Service, <c>ns/name</c>, or null when not forwarded.</summary>
    public string? Service { get; init; }

    /// <summary>The backend endpoint, <c>address:port</c>, or null.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Attempts sent to backends when the rule retries (1 when not retried); 0 for rules without a retry policy.</summary>
    public int Attempts { get; init; }

    /// <summary>The TLS SNI the client sent, or null.</summary>
    public string? Sni { get; init; }
}
