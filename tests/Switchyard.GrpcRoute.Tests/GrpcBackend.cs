using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>
/// A real gRPC server (Grpc.AspNetCore on Kestrel) speaking HTTP/2 with prior knowledge (h2c) on a loopback address:
/// what a plain Kubernetes Service without an appProtocol would front. Counts the calls it receives.
/// </summary>
internal sealed class GrpcBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private GrpcBackend(WebApplication app, BackendName name, IPEndPoint endPoint)
    {
        _app = app;
        Name = name;
        EndPoint = endPoint;
    }

    public BackendName Name { get; }

    /// <summary>The calls the services decoded and answered, as "method message".</summary>
    public IEnumerable<string> Served => Name.Served;

    public IPEndPoint EndPoint { get; }

    /// <summary>Calls received (any path), including ones the gRPC layer then refused.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<GrpcBackend> StartAsync(string address, string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(address), 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var backendName = new BackendName(name);
        builder.Services.AddSingleton(backendName);
        var app = builder.Build();
        GrpcBackend? self = null;
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref self!._calls);
            return next(context);
        });
        app.MapGrpcService<EchoService>();
        app.MapGrpcService<AdminService>();
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var uri = new Uri(bound);
        self = new GrpcBackend(app, backendName, new IPEndPoint(IPAddress.Parse(address), uri.Port));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
