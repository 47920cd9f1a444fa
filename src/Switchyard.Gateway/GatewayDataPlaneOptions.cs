using System.ComponentModel.DataAnnotations;

namespace Switchyard.Gateway;

/// <summary>Settings of the HTTP data plane that the IR does not carry.</summary>
public sealed class GatewayDataPlaneOptions
{
    /// <summary>Time to establish a TCP (and TLS) connection to a backend endpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle pooled upstream connection is kept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An upstream exchange with no activity for this long is aborted (YARP activity timeout; also WebSockets).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan UpstreamActivityTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long a listener that leaves the snapshot may drain its connections before they are aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First passive-ejection period after an endpoint refuses a connection; doubles per consecutive failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan EjectionBaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest passive-ejection period.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan EjectionMaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on one mirrored request; its response is discarded either way.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MirrorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on a client's TLS handshake.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection on a TLS listener (Gateway API protocol TLS) with no bytes in either direction for this long is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan TlsIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Connections open at once on one TLS listener socket; further ones are reset until some close.</summary>
    [Range(1, 1_000_000)]
    public int MaxTlsConnections { get; set; } = 10_000;

    /// <summary>The client for plain HTTP/1.1 backends (see <see cref="Gateway.UpstreamClient"/>).</summary>
    public UpstreamClient UpstreamClient { get; set; } = UpstreamClient.Lean;

    /// <summary>
    /// Run request processing on the socket event-loop threads instead of handing each I/O completion to the thread
    /// pool (Kestrel's <c>UnsafePreferInlineScheduling</c>): the nginx model, one event loop per core, no thread hop or
    /// context switch per request. Safe because nothing on the request path blocks; pair it with the runtime's inline
    /// socket completions (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>), which <c>serve</c> sets.
    /// </summary>
    public bool InlineScheduling { get; set; }

    /// <summary>Largest upstream response header section the lean client accepts (larger ones get 502).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxResponseHeadersBytes { get; set; } = 64 * 1024;

    /// <summary>How long a cluster no longer in the snapshot keeps its connection pool for requests still in flight.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetiredClusterDisposeDelay { get; set; } = TimeSpan.FromMinutes(2);
}
