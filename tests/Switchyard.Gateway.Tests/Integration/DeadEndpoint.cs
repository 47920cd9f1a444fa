using System.Net;
using System.Net.Sockets;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>A loopback address and port with nothing listening (connections are refused).</summary>
internal sealed class DeadEndpoint : IAsyncDisposable
{
    private static int _next = 20;

    private DeadEndpoint(IPEndPoint endPoint)
    {
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static Task<DeadEndpoint> CreateAsync()
    {
        // A port that was just free on an address nothing else in the tests uses.
        var address = IPAddress.Parse("127.0.0." + Interlocked.Increment(ref _next));
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return Task.FromResult(new DeadEndpoint((IPEndPoint)probe.LocalEndPoint!));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
