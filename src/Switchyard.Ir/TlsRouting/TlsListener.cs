using System.Collections.Immutable;

namespace Switchyard.Ir.TlsRouting;

/// <summary>
/// One socket (address:port) serving Gateway listeners of protocol TLS. Each connection is routed by the SNI name of
/// its ClientHello, read without terminating TLS, and then passed through or terminated as its <see cref="SniHost"/> says.
/// </summary>
public sealed record TlsListener
{
    /// <summary>The binding, e.g. <c>0.0.0.0:8443</c>; never the same as an HTTP <see cref="Listener"/>'s.</summary>
    public required string Id { get; init; }

    /// <summary>IP address literal to bind.</summary>
    public required string Address { get; init; }

    public required int Port { get; init; }

    /// <summary>One per Gateway listener, most specific hostname first.</summary>
    public ImmutableArray<SniHost> Hosts { get; init; } = [];

    /// <summary>The Gateway listeners that own this binding (<c>ns/gateway/listener</c>), for errors such as bind failures.</summary>
    public ImmutableArray<string> Owners { get; init; } = [];

    internal void Validate(List<string> problems, HashSet<string> clusterIds, HashSet<string> bindings)
    {
        if (!bindings.Add($"{Address}:{Port}"))
        {
            problems.Add($"duplicate listener binding {Address}:{Port}");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"TLS listener {Id}: port {Port} out of range");
        }

        if (!System.Net.IPAddress.TryParse(Address, out _))
        {
            problems.Add($"TLS listener {Id}: address {Address} is not an IP address");
        }

        var hostnames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in Hosts)
        {
            // Two hosts with one hostname would make the listener a connection belongs to ambiguous.
            if (!hostnames.Add(host.Hostname ?? "*"))
            {
                problems.Add($"TLS listener {Id}: hostname {host.Hostname ?? "(any)"} is served by more than one listener");
            }

            if (host.Mode == TlsMode.Terminate && host.Certificates.IsDefaultOrEmpty)
            {
                problems.Add($"{host.Id}: mode Terminate without a certificate");
            }

            if (host.Mode == TlsMode.Passthrough && !host.Certificates.IsDefaultOrEmpty)
            {
                problems.Add($"{host.Id}: mode Passthrough carries no certificates");
            }

            ValidateRoutes(host, problems, clusterIds);
        }
    }

    private static void ValidateRoutes(SniHost host, List<string> problems, HashSet<string> clusterIds)
    {
        var routeHostnames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in host.Routes.IsDefault ? [] : host.Routes)
        {
            if (!routeHostnames.Add(route.Hostname ?? "*"))
            {
                problems.Add($"{host.Id}: hostname {route.Hostname ?? "(any)"} is routed more than once ({route.Id})");
            }

            if (route.Hostname is { } hostname && !IsPattern(hostname))
            {
                problems.Add($"{route.Id}: {hostname} is not a hostname pattern");
            }

            foreach (var backend in route.Backends.IsDefault ? [] : route.Backends)
            {
                if (backend.Weight < 0)
                {
                    problems.Add($"{route.Id}: backend {backend.ClusterId} has a negative weight");
                }

                if (!backend.Rejected && !clusterIds.Contains(backend.ClusterId))
                {
                    problems.Add($"{route.Id}: backend cluster {backend.ClusterId} is not defined");
                }
            }
        }
    }

    // An SNI name is a DNS name (RFC 6066 section 3); a pattern may start with "*." once.
    private static bool IsPattern(string hostname)
    {
        var name = hostname.StartsWith("*.", StringComparison.Ordinal) ? hostname.AsSpan(2) : hostname.AsSpan();
        if (name.Length is 0 or > 253 || name[0] == '.' || name[^1] == '.' || name.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
