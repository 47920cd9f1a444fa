using System.Net;
using Switchyard.Gateway.Echo;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>Three echo backends on distinct loopback addresses, shared by the integration tests.</summary>
public sealed class EchoBackends : IAsyncLifetime
{
    public EchoServer A { get; private set; } = null!;

    public EchoServer B { get; private set; } = null!;

    public EchoServer C { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.11"), 0), "a"),
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.12"), 0), "b"),
            EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.13"), 0), "c"));
        (A, B, C) = (started[0], started[1], started[2]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await C.DisposeAsync();
    }
}
