using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Gateway.Tests.Integration;
using Switchyard.Gateway.Tls;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Tls;

/// <summary>
/// Client certificate validation as the certificate table sets up each handshake, checked with real TLS handshakes
/// over loopback: the certificate SNI selects brings its validation (or none).
/// </summary>
public sealed class CertificateTableClientValidationTests : IDisposable
{
    private readonly X509Certificate2 _ca = ClientCertificates.Ca("Table CA");
    private readonly X509Certificate2 _otherCa = ClientCertificates.Ca("Other CA");
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _stranger;

    public CertificateTableClientValidationTests()
    {
        _client = ClientCertificates.Issue("client", _ca);
        _stranger = ClientCertificates.Issue("stranger", _otherCa);
    }

    [Theory]
    [InlineData("mtls.test", "client", true)]
    [InlineData("mtls.test", "stranger", false)]
    [InlineData("mtls.test", null, false)]
    [InlineData("fallback.test", "stranger", true)]
    [InlineData("fallback.test", null, true)]
    [InlineData("open.test", null, true)]
    public async Task Handshake_SniSelectsCertificateAndItsValidation(string sni, string? presented, bool served)
    {
        var table = Table(ClientCertificateMode.AllowValidOnly);
        var certificate = presented switch { "client" => _client, "stranger" => _stranger, _ => null };

        var (clientOk, serverSaw) = await HandshakeAsync(table, sni, certificate);

        Assert.Equal(served, clientOk);
        if (served && certificate is not null)
        {
            Assert.Equal(certificate.Thumbprint, serverSaw);
        }

        if (sni == "open.test")
        {
            // No validation: no certificate is asked for at all.
            Assert.Null(serverSaw);
        }
    }

    [Fact]
    public void CreateOptions_Validation_TrustsOnlyTheConfiguredCas()
    {
        var options = Table(ClientCertificateMode.AllowValidOnly).CreateOptions("mtls.test");

        Assert.True(options.ClientCertificateRequired);
        Assert.Equal(X509ChainTrustMode.CustomRootTrust, options.CertificateChainPolicy!.TrustMode);
        Assert.Equal(_ca.Thumbprint, Assert.Single(options.CertificateChainPolicy.CustomTrustStore).Thumbprint);
        Assert.False(Table(ClientCertificateMode.AllowValidOnly).CreateOptions("open.test").ClientCertificateRequired);
    }

    public void Dispose()
    {
        _client.Dispose();
        _stranger.Dispose();
        _ca.Dispose();
        _otherCa.Dispose();
    }

    private CertificateTable Table(ClientCertificateMode mode)
    {
        var validation = new ClientCertificateValidation { Sources = ["configmap/test/ca"], CaCertificates = [_ca.ExportCertificatePem()], Mode = mode };
        var fallback = validation with { Mode = ClientCertificateMode.AllowInsecureFallback };
        var problems = new List<string>();
        var table = CertificateTable.Build(
            [
                TestCertificates.Create("mtls.test", "mtls.test") with { ClientValidation = validation },
                TestCertificates.Create("fallback.test", "fallback.test") with { ClientValidation = fallback },
                TestCertificates.Create("open.test", "open.test"),
            ],
            strictSni: true,
            new CertificateCache(),
            problems);
        Assert.Empty(problems);
        return table;
    }

    /// <summary>
    /// One handshake plus one byte each way (TLS 1.3 reports a refused client certificate only after the client's
    /// handshake completed): whether the client got through, and the client certificate the server saw.
    /// </summary>
    private static async Task<(bool ClientOk, string? ServerSaw)> HandshakeAsync(CertificateTable table, string sni, X509Certificate2? certificate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serverSide = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync(timeout.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            try
            {
                await tls.AuthenticateAsServerAsync(static (_, hello, state, _) => ValueTask.FromResult(((CertificateTable)state!).CreateOptions(hello.ServerName)), table, timeout.Token);
                var saw = tls.RemoteCertificate is { } remote ? X509CertificateLoader.LoadCertificate(remote.GetRawCertData()).Thumbprint : null;
                var buffer = new byte[1];
                await tls.ReadExactlyAsync(buffer, timeout.Token);
                await tls.WriteAsync(buffer, timeout.Token);
                return saw;
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                return null;
            }
        });

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, timeout.Token);
        await using var clientTls = new SslStream(client.GetStream());
        var ok = true;
        try
        {
            await clientTls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = sni,
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                    LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
                    ClientCertificates = certificate is null ? null : [certificate],
                },
                timeout.Token);
            await clientTls.WriteAsync(new byte[] { 42 }, timeout.Token);
            var answer = new byte[1];
            ok = await clientTls.ReadAsync(answer, timeout.Token) == 1 && answer[0] == 42;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            ok = false;
        }

        client.Close();
        return (ok, await serverSide);
    }
}
