using System.Net;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Gateway;
using Switchyard.Translation;

namespace Switchyard.Cli.Serving;

/// <summary>Settings of <c>switchyard serve</c>.</summary>
internal sealed record ServeOptions
{
    public required IReadOnlyList<string> Files { get; init; }

    public bool Watch { get; init; } = true;

    public IPEndPoint Admin { get; init; } = new(IPAddress.Loopback, 9901);

    public TranslatorOptions Translator { get; init; } = new();

    public ServiceAllocatorOptions Allocation { get; init; } = new();

    /// <summary>Cluster DNS listen address (UDP and TCP), or null when <c>--dns off</c>.</summary>
    public IPEndPoint? Dns { get; init; }

    /// <summary>Resolver for names outside the cluster zone, or null to answer REFUSED.</summary>
    public IPEndPoint? DnsUpstream { get; init; }

    /// <summary>Run the L4 Service proxy (<c>--service-proxy</c>).</summary>
    public bool ServiceProxy { get; init; }

    /// <summary>Run Pods' readinessProbes and let the results gate traffic (<c>--probe</c>).</summary>
    public bool Probe { get; init; }

    /// <summary>Quiet period after a file change before reloading, so a burst of writes causes one reload.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound for draining in-flight requests on shutdown.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Access log target: <c>off</c>, <c>stdout</c> or a file path (one JSON object per request and line).</summary>
    public string AccessLog { get; init; } = "off";

    /// <summary>Record metrics for admin <c>/metrics</c> (<c>--metrics on|off</c>).</summary>
    public bool Metrics { get; init; } = true;

    /// <summary>The client for plain HTTP/1.1 backends (<c>--upstream-client lean|yarp</c>).</summary>
    public Gateway.UpstreamClient UpstreamClient { get; init; } = Gateway.UpstreamClient.Lean;

    /// <summary>
    /// Process requests on the socket event loops (<c>--inline-io</c>); the runtime half of it is process-wide and
    /// set by the serve command before any socket exists. Off by default here so that in-process hosts (tests) keep
    /// the thread-pool model they were written for.
    /// </summary>
    public bool InlineIo { get; init; }

    /// <summary>A connection on a TLS listener idle in both directions for this long is closed (<c>--tls-idle-timeout</c>).</summary>
    public TimeSpan TlsIdleTimeout { get; init; } = DataPlaneDefaults.TlsIdleTimeout;

    /// <summary>Connections open at once on one TLS listener socket (<c>--max-tls-connections</c>).</summary>
    public int MaxTlsConnections { get; init; } = DataPlaneDefaults.MaxTlsConnections;

    /// <summary>The data plane's own defaults, which the flags keep unless given.</summary>
    internal static GatewayDataPlaneOptions DataPlaneDefaults { get; } = new();
}
