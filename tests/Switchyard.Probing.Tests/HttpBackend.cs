using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Probing.Tests;

/// <summary>
/// A Pod's server on loopback (Kestrel): <c>/healthz</c> answers <see cref="HealthStatus"/>, <c>/</c> answers the name;
/// with <c>grpc</c>, a cleartext HTTP/2 grpc.health.v1 service instead.
/// </summary>
internal sealed class HttpBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpBackend(WebApplication app, string name, IPEndPoint endPoint)
    {
        _app = app;
        Name = name;
        EndPoint = endPoint;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    public int HealthStatus { get; set; } = 200;

    public ConcurrentQueue<Dictionary<string, string>> ProbeHeaders { get; } = new();

    public HealthServiceImpl? Health { get; private set; }

    public static async Task<HttpBackend> StartAsync(string name, string address, bool https = false, bool grpc = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        HttpBackend? self = null;
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(address), 0, listen =>
        {
            if (grpc)
            {
                listen.Protocols = HttpProtocols.Http2;
            }

            if (https)
            {
                listen.UseHttps(SelfSigned());
            }
        }));
        if (grpc)
        {
            builder.Services.AddGrpc();
            builder.Services.AddSingleton<HealthServiceImpl>();
        }

        var app = builder.Build();
        if (grpc)
        {
            app.MapGrpcService<HealthServiceImpl>();
        }
        else
        {
            app.MapGet("/healthz", (HttpContext context) =>
            {
                self!.ProbeHeaders.Enqueue(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
                return Results.StatusCode(self.HealthStatus);
            });
            app.MapGet("/", () => name);
            app.MapGet("/moved", () => Results.Redirect("/healthz"));
            app.MapGet("/elsewhere", () => Results.Redirect("http://elsewhere.invalid/healthz"));
        }

        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(url).Port;
        self = new HttpBackend(app, name, new IPEndPoint(IPAddress.Parse(address), port));
        if (grpc)
        {
            self.Health = app.Services.GetRequiredService<HealthServiceImpl>();
            self.Health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        }

        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=pod.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
