using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Gateway.Tests.Integration;

/// <summary>
/// A Kestrel backend on loopback that fails the first <c>fail</c> requests of each <c>id</c> (query parameters), then
/// answers 200 "ok N". <c>mode</c> picks how it fails: <c>status</c> (answers <c>code</c>, default 500), <c>reset</c>
/// (drops the connection before any response byte) or <c>stall</c> (waits <c>delay</c> ms, then answers 500). It
/// counts the requests of each id and records the body length of each.
/// </summary>
internal sealed class RetryBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    private RetryBackend(WebApplication app) => _app = app;

    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>Body lengths the backend read, per id, in arrival order.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<long>> Bodies { get; } = new(StringComparer.Ordinal);

    public static async Task<RetryBackend> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var backend = new RetryBackend(app);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        backend.EndPoint = new IPEndPoint(IPAddress.Loopback, new Uri(app.Urls.First()).Port);
        return backend;
    }

    public int Attempts(string id) => _attempts.GetValueOrDefault(id);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var id = query["id"].ToString();
        var fail = int.Parse(query["fail"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
        var attempt = _attempts.AddOrUpdate(id, 1, static (_, n) => n + 1);
        long length = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            length += read;
        }

        Bodies.GetOrAdd(id, static _ => new ConcurrentQueue<long>()).Enqueue(length);
        var response = context.Response;
        if (attempt > fail)
        {
            await response.WriteAsync("ok " + attempt.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
            return;
        }

        switch (query["mode"].ToString())
        {
            case "reset":
                context.Abort();
                return;
            case "stall":
                try
                {
                    await Task.Delay(int.Parse(query["delay"].ToString(), CultureInfo.InvariantCulture), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            default:
                response.StatusCode = int.Parse(query["code"].FirstOrDefault() ?? "500", CultureInfo.InvariantCulture);
                response.Headers["x-attempt"] = attempt.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsync("failed " + attempt.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
                return;
        }
    }
}
