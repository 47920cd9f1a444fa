using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Dns;

/// <summary>Settings of the DNS server that are not part of the snapshot (the zone, TTL and domain are).</summary>
public sealed record DnsServerOptions
{
    /// <summary>Default listen address of <c>serve --dns</c>.</summary>
    public const string DefaultListen = "127.0.0.1:5353";

    /// <summary>
    /// Resolver for names outside our zones (and reverse names we do not know), or null to answer REFUSED. See
    /// <see cref="TryParseUpstream"/> and <see cref="ReadResolvConf"/>.
    /// </summary>
    public IPEndPoint? Upstream { get; init; }

    /// <summary>Largest UDP response, advertised in our OPT record (RFC 6891 §6.2.5); 1232 avoids IP fragmentation.</summary>
    [Range(512, 4096)]
    public int MaxUdpPayload { get; init; } = 1232;

    /// <summary>Time to wait for the upstream per attempt (two attempts over UDP, then TCP when truncated).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Most upstream answers kept; past it expired entries go first, then arbitrary ones.</summary>
    [Range(0, 10_000_000)]
    public int CacheCapacity { get; init; } = 10_000;

    /// <summary>Upper bound for how long an upstream answer is cached, whatever its TTL says.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxCacheTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A TCP connection with no query for this long is closed (RFC 7766 §6.2.3).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    [Range(1, 100_000)]
    public int MaxTcpConnections { get; init; } = 1024;

    /// <summary>Concurrent UDP receive loops on the one socket.</summary>
    [Range(1, 256)]
    public int UdpReceivers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Parses <c>--dns</c>: <c>ADDR:PORT</c>, <c>[V6ADDR]:PORT</c>, or <c>off</c> (null endpoint, returns true).
    /// </summary>
    public static bool TryParseListen(string value, out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPEndPoint.TryParse(value, out endpoint) && endpoint.Port is >= 0 and <= 65535 && HasPort(value);
    }

    /// <summary>
    /// Parses <c>--dns-upstream</c>: <c>ADDR:PORT</c>, <c>ADDR</c> (port 53), <c>[V6ADDR]:PORT</c>, or <c>none</c> (null,
    /// returns true).
    /// </summary>
    public static bool TryParseUpstream(string value, out IPEndPoint? upstream)
    {
        upstream = null;
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (IPAddress.TryParse(value, out var address))
        {
            upstream = new IPEndPoint(address, 53);
            return true;
        }

        return IPEndPoint.TryParse(value, out upstream) && upstream.Port > 0;
    }

    /// <summary>The first <c>nameserver</c> of a resolv.conf (port 53), or null when there is none or the file is unreadable.</summary>
    public static IPEndPoint? ReadResolvConf(string path = "/etc/resolv.conf")
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "nameserver")
                {
                    var text = parts[1];
                    var zone = text.IndexOf('%', StringComparison.Ordinal);
                    if (IPAddress.TryParse(zone < 0 ? text : text[..zone], out var address))
                    {
                        return new IPEndPoint(address, 53);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static bool HasPort(string value) =>
        value.StartsWith('[') ? value.Contains("]:", StringComparison.Ordinal) : value.Count(c => c == ':') == 1;

    internal static string Describe(IPEndPoint? endpoint) =>
        endpoint is null ? "none" : endpoint.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{endpoint.Address}]:{endpoint.Port}")
            : endpoint.ToString();
}
