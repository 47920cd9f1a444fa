using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Status;
using Switchyard.Cli.Serving;

namespace Switchyard.Cli.Admin;

/// <summary>The admin API on <c>--admin</c> (loopback by default): health, readiness, live status, the IR and metrics.</summary>
internal sealed class AdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminServer(WebApplication app) => _app = app;

    /// <summary>The bound endpoint (the real port when 0 was asked for).</summary>
    public IPEndPoint? Endpoint { get; private set; }

    public static async Task<AdminServer> StartAsync(IPEndPoint endpoint, SwitchyardServer server, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(k => k.Listen(endpoint));
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => server.IsReady
            ? Results.Text("ready\n")
            : Results.Text(server.IsShuttingDown ? "shutting down\n" : "not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/status", () => Results.Text(StatusPrinter.Format(server.Pipeline.CurrentStore, server.Pipeline.Current, "json"), "application/json"));
        app.MapGet("/metrics", async context =>
        {
            if (!server.Telemetry.Exporter.Enabled)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("metrics are off (serve --metrics off)\n", context.RequestAborted);
                return;
            }

            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await server.Telemetry.Exporter.WriteAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/config", () => Results.Text(IrJson.Serialize(server.Pipeline.Current.Snapshot) + "\n", "application/json"));
        await app.StartAsync(ct);
        var admin = new AdminServer(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        admin.Endpoint = address is null ? endpoint : ParseAddress(address, endpoint);
        return admin;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IPEndPoint ParseAddress(string address, IPEndPoint fallback)
    {
        var uri = new Uri(address);
        return new IPEndPoint(fallback.Address, uri.Port);
    }
}
