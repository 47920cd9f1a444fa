using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.ServiceProxy.Tests;

/// <summary>Loopback helpers: free ports, clients that read a backend's greeting, polling with a deadline.</summary>
internal static class TestNet
{
    private static int _nextHost = Random.Shared.Next(0, 200);

    /// <summary>A fresh 127.0.x.y address so parallel tests never share a frontend.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _nextHost);
        return $"127.{100 + (n / 250 % 100)}.{n % 250 + 1}.{Environment.ProcessId % 250 + 1}";
    }

    public static int FreePort(string address, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, protocol == ProtocolType.Tcp ? SocketType.Stream : SocketType.Dgram, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A fresh frontend: a new address (<see cref="NewAddress"/>) and a port free on it for <paramref name="protocol"/>.</summary>
    public static (string Address, int Port) NewFrontend(ProtocolType protocol)
    {
        var address = NewAddress();
        return (address, FreePort(address, protocol));
    }

    /// <summary>Connects (optionally from a given source address) and returns the socket and the backend's greeting.</summary>
    public static async Task<(Socket Socket, string Backend)> ConnectAsync(string address, int port, string? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(address), port), timeout.Token);
        var line = await ReadLineAsync(socket, timeout.Token);
        return (socket, line);
    }

    public static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            var read = await socket.ReceiveAsync(one, SocketFlags.None, cancellationToken);
            if (read == 0 || one[0] == '\n')
            {
                return sb.ToString();
            }

            sb.Append((char)one[0]);
        }
    }

    /// <summary>Sends a line and reads the echo back.</summary>
    public static async Task<string> EchoAsync(Socket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.ASCII.GetBytes(text + "\n"), SocketFlags.None, timeout.Token);
        return await ReadLineAsync(socket, timeout.Token);
    }

    /// <summary>Reads until EOF or an error; true when the peer closed or reset the connection.</summary>
    public static async Task<bool> ClosedByPeerAsync(Socket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls until the condition holds or the deadline passes.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for " + what);
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Sends one datagram from a UDP client and waits for the answer.</summary>
    public static async Task<string> UdpRoundTripAsync(Socket client, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, timeout.Token);
        var buffer = new byte[2048];
        var read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
