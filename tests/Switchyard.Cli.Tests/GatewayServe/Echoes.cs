using System.Net;
using Switchyard.Gateway.Echo;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Echo backends, each on its own loopback address, started together and disposed together.</summary>
internal sealed class Echoes : IAsyncDisposable
{
    private readonly Dictionary<string, EchoServer> _servers;

    private Echoes(Dictionary<string, EchoServer> servers) => _servers = servers;

    public EchoServer this[string name] => _servers[name];

    public static async Task<Echoes> StartAsync(params string[] names)
    {
        var started = await Task.WhenAll(names.Select(n => EchoServer.StartAsync(new IPEndPoint(Loopback.Next(), 0), n)));
        return new Echoes(started.ToDictionary(s => s.Name, StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
