using System.Net;
using System.Net.Sockets;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// Distinct loopback addresses for gateways and backends. The second octet is random per test process, so that
/// parallel test runs (other worktrees, other projects) rarely share an address, and ports picked on one are free.
/// </summary>
internal static class Loopback
{
    private static readonly int Octet = Random.Shared.Next(64, 250);
    private static int _next;

    /// <summary>A loopback address no other caller in this process gets.</summary>
    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, (byte)Octet, (byte)(n / 250), (byte)((n % 250) + 1)]);
    }

    /// <summary>A TCP port free on <paramref name="address"/> right now.</summary>
    public static int FreePort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
