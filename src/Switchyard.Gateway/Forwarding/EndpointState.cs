using System.Net;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Live state of one backend endpoint, kept across snapshots while the endpoint stays in its cluster: requests in
/// flight (for power-of-two-choices) and passive health. A connect failure marks it unhealthy for a backoff that
/// starts at the base and doubles per consecutive failure up to the maximum; a success resets the backoff.
/// </summary>
internal sealed class EndpointState
{
    private int _inFlight;
    private int _consecutiveFailures;
    private long _unhealthyUntil;

    public EndpointState(string scheme, string address, int port, Func<EndpointState, Http1.Http1ConnectionPool?>? http1 = null)
    {
        Address = address;
        Port = port;
        var parsed = IPAddress.TryParse(address, out var ip);
        EndPoint = parsed ? new IPEndPoint(ip!, port) : null;
        var host = parsed && ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? string.Concat("[", address, "]")
            : address;
        Authority = string.Concat(host, ":", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        DestinationPrefix = string.Concat(scheme, "://", Authority, "/");
        Http1 = http1?.Invoke(this);
    }

    /// <summary>The lean client's connections to this endpoint, or null when the YARP path serves it.</summary>
    public Http1.Http1ConnectionPool? Http1 { get; }

    /// <summary><c>address:port</c> (IPv6 in brackets), for logs.</summary>
    public string Authority { get; }

    public string Address { get; }

    /// <summary>The address and port to connect to (TLS listeners connect themselves), or null when the address does not parse.</summary>
    public IPEndPoint? EndPoint { get; }

    public int Port { get; }

    /// <summary>The URI prefix YARP appends the path to, e.g. <c>http://10.0.0.1:8080/</c>.</summary>
    public string DestinationPrefix { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    public bool IsHealthy(long now) => now >= Volatile.Read(ref _unhealthyUntil);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Marks the endpoint unhealthy; returns the backoff applied.</summary>
    public TimeSpan ReportConnectFailure(TimeProvider time, TimeSpan baseBackoff, TimeSpan maxBackoff)
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        var backoff = baseBackoff * Math.Pow(2, Math.Min(failures - 1, 30));
        if (backoff > maxBackoff)
        {
            backoff = maxBackoff;
        }

        var until = time.GetTimestamp() + (long)(backoff.TotalSeconds * time.TimestampFrequency);
        Volatile.Write(ref _unhealthyUntil, until);
        return backoff;
    }

    public void ReportSuccess()
    {
        // Avoid writing a shared cache line on every request: only healthy-again endpoints pay.
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            Volatile.Write(ref _unhealthyUntil, 0);
        }
    }
}
