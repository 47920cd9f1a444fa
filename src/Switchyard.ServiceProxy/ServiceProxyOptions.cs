using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Switchyard.ServiceProxy;

/// <summary>Settings of the L4 Service proxy.</summary>
public sealed class ServiceProxyOptions
{
    /// <summary>How long TCP connections to an endpoint that left the Service's endpoint set may finish before they are closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A UDP flow (client address and port) without datagrams in either direction for this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan UdpIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for connecting to one endpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Endpoints tried for one TCP connection before the client is reset.</summary>
    [Range(1, 16)]
    public int ConnectAttempts { get; set; } = 3;

    /// <summary>Relay buffer per direction and connection (rented from the shared pool), and the largest UDP datagram.</summary>
    [Range(1024, 1 << 20)]
    public int BufferSize { get; set; } = 16 * 1024;

    /// <summary>How often idle UDP flows and expired ClientIP affinity entries are swept.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}

[OptionsValidator]
public sealed partial class ServiceProxyOptionsValidator : IValidateOptions<ServiceProxyOptions>
{
}
