using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// An HTTPS backend on Kestrel (HTTP/1.1 and HTTP/2 by ALPN) that answers JSON with what it saw of the connection:
/// the SNI name, the Host header, the protocol and the client certificate. With a client CA it requires a client
/// certificate issued by that CA, as a backend doing mutual TLS does.
/// </summary>
internal sealed class TlsBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsBackend(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static async Task<TlsBackend> StartAsync(IPAddress address, X509Certificate2 certificate, X509Certificate2? clientCa = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(address, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    // The selector sees the SNI name; the connection keeps it for the requests.
                    ServerCertificateSelector = (connection, name) =>
                    {
                        connection!.Items["sni"] = name;
                        return certificate;
                    },
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateMode = clientCa is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = clientCa is null ? null : (client, _, _) => IssuedBy(client, clientCa),
                });
            }));
        var app = builder.Build();
        app.Run(async context =>
        {
            var client = context.Connection.ClientCertificate;
            var reply = new TlsReply
            {
                Sni = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue("sni", out var sni) == true ? sni as string : null,
                Host = context.Request.Host.Value,
                Protocol = context.Request.Protocol,
                Path = context.Request.Path.Value,
                ClientCertificate = client?.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
                ClientCertificateThumbprint = client?.Thumbprint,
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(reply, TlsReply.Json));
        });
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new TlsBackend(app, new IPEndPoint(address, bound.Port));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IssuedBy(X509Certificate2 client, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(client);
    }
}

/// <summary>What a <see cref="TlsBackend"/> answers.</summary>
internal sealed record TlsReply
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Sni { get; init; }

    public string? Host { get; init; }

    public string? Protocol { get; init; }

    public string? Path { get; init; }

    public string? ClientCertificate { get; init; }

    public string? ClientCertificateThumbprint { get; init; }

    public static async Task<TlsReply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<TlsReply>(body, Json)!;
    }
}
