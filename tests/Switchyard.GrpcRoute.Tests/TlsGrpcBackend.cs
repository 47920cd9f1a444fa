using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>
/// A real gRPC server (Grpc.AspNetCore on Kestrel) behind TLS with ALPN h2 only, as a Service targeted by a
/// BackendTLSPolicy fronts. Its certificate is issued by a CA made here (<see cref="CaCertificatePem"/>) for
/// <c>grpc.apps.internal</c>; it records the SNI name of each handshake.
/// </summary>
internal sealed class TlsGrpcBackend : IAsyncDisposable
{
    public const string DnsName = "grpc.apps.internal";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private TlsGrpcBackend(WebApplication app, X509Certificate2 certificate, string caPem, IPEndPoint endPoint, ConcurrentQueue<string> sni)
    {
        _app = app;
        _certificate = certificate;
        CaCertificatePem = caPem;
        EndPoint = endPoint;
        SniNames = sni;
    }

    public string CaCertificatePem { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>The SNI name of every TLS handshake, in order.</summary>
    public ConcurrentQueue<string> SniNames { get; }

    public static async Task<TlsGrpcBackend> StartAsync(string address, string name)
    {
        var (certificate, caPem) = Issue();
        var sni = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(address), 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, serverName) =>
                    {
                        sni.Enqueue(serverName ?? string.Empty);
                        return certificate;
                    },
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
            }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new BackendName(name));
        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new TlsGrpcBackend(app, certificate, caPem, new IPEndPoint(IPAddress.Parse(address), bound.Port), sni);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static (X509Certificate2 Certificate, string CaPem) Issue()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=grpc-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + DnsName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(DnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), [1, 2, 3, 4, 5, 6, 7, 8]);
        using var withKey = issued.CopyWithPrivateKey(key);
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), ca.ExportCertificatePem());
    }
}
