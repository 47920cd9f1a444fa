using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Opens TLS connections to the endpoints of a cluster speaking TLS as a BackendTLSPolicy says, as the
/// <see cref="SocketsHttpHandler.ConnectCallback"/>. SocketsHttpHandler would send the request's Host header as the SNI
/// name; the policy wants its hostname there while the Host header stays the client's, so the handshake happens here
/// and the handler takes the authenticated <see cref="SslStream"/> as is (ALPN tells it HTTP/2 or HTTP/1.1).
/// </summary>
internal sealed class BackendTlsConnector
{
    private static readonly List<SslApplicationProtocol> Http2OrHttp11 = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly List<SslApplicationProtocol> Http2Only = [SslApplicationProtocol.Http2];
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    private readonly string _targetHost;
    private readonly RemoteCertificateValidationCallback _validate;
    private readonly X509ChainPolicy? _chainPolicy;
    private readonly SslStreamCertificateContext? _clientCertificate;

    public BackendTlsConnector(BackendTls tls)
    {
        _targetHost = tls.Hostname;
        _validate = BackendCertificateValidator.Create(tls);
        _chainPolicy = BackendCertificateValidator.ChainPolicy(tls);
        _clientCertificate = tls.ClientCertificate is { } client ? ClientCertificate(client) : null;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? ssl = null;
        try
        {
            // Destination prefixes carry IP literals (IPv6 in brackets).
            var endpoint = context.DnsEndPoint;
            var host = endpoint.Host.AsSpan().Trim("[]");
            if (IPAddress.TryParse(host, out var address))
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            }

            ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = _targetHost,
                    ApplicationProtocols = Protocols(context.InitialRequestMessage),
                    RemoteCertificateValidationCallback = _validate,
                    CertificateChainPolicy = _chainPolicy?.Clone(),
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    ClientCertificateContext = _clientCertificate,
                },
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    // Offer what the connection is for: the handler opens HTTP/2 connections only for requests that may use HTTP/2.
    private static List<SslApplicationProtocol> Protocols(HttpRequestMessage request)
    {
        if (request.Version >= HttpVersion.Version20)
        {
            return request.VersionPolicy == HttpVersionPolicy.RequestVersionOrLower ? Http2OrHttp11 : Http2Only;
        }

        return request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher ? Http2OrHttp11 : Http11Only;
    }

    private static SslStreamCertificateContext? ClientCertificate(TlsCertificate certificate)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificate.CertificatePem, certificate.PrivateKeyPem);

            // A PKCS#12 round trip gives the key a form SslStream can use on every platform.
            var leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(certificate.CertificatePem);
            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < chain.Count; i++)
            {
                intermediates.Add(chain[i]);
            }

            return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The translator parsed it already; should it still fail here, backends see no client certificate.
            return null;
        }
    }
}
