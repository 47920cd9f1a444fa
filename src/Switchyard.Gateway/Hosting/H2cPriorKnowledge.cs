using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Switchyard.Gateway.Hosting;

/// <summary>
/// Lets a cleartext Kestrel endpoint serve HTTP/1.1 and HTTP/2 with prior knowledge (h2c) on the same port. Kestrel
/// serves only HTTP/1.1 on a cleartext <see cref="HttpProtocols.Http1AndHttp2"/> endpoint, choosing HTTP/2 only when
/// ALPN said "h2". This connection middleware peeks (without consuming) at the first bytes; when they are the HTTP/2
/// connection preface (RFC 9113 §3.4) it presents the connection as if ALPN had chosen h2. Kestrel then expects
/// ":scheme https", so the server must set <see cref="KestrelServerOptions.AllowAlternateSchemes"/>; and
/// <see cref="FixScheme"/> corrects a request that claims https over cleartext.
/// </summary>
internal static class H2cPriorKnowledge
{
    private static readonly byte[] H2 = "h2"u8.ToArray();
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static ListenOptions UseH2cPriorKnowledge(this ListenOptions listenOptions)
    {
        listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
        // A fresh connection may wait for its first request as long as an idle keep-alive one.
        var firstBytesTimeout = listenOptions.KestrelServerOptions.Limits.KeepAliveTimeout;
        listenOptions.Use(next => connection => OnConnectionAsync(connection, next, firstBytesTimeout));
        return listenOptions;
    }

    /// <summary>True when the request arrived over h2c prior knowledge (and so claims https wrongly).</summary>
    public static bool IsPriorKnowledge(HttpContext context) => context.Features.Get<ITlsConnectionFeature>() is Marker;

    /// <summary>Restores the http scheme on an h2c request; call only on cleartext listeners.</summary>
    public static void FixScheme(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            context.Request.Scheme = Uri.UriSchemeHttp;
        }
    }

    private static async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next, TimeSpan firstBytesTimeout)
    {
        var input = connection.Transport.Input;

        // Closed by the client, by the timeout, or by a graceful server shutdown (nothing to drain yet).
        var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closing))
        {
            timeout.CancelAfter(firstBytesTimeout);
            try
            {
                // Nothing is ever marked examined, so the HTTP layer reads the same bytes again.
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var verdict = Check(result.Buffer);
                input.AdvanceTo(result.Buffer.Start);
                if (verdict is null && !result.IsCompleted)
                {
                    // A fragment of the preface: only an HTTP/2 client sends that, so wait for all 24 bytes.
                    result = await input.ReadAtLeastAsync(Preface.Length, timeout.Token).ConfigureAwait(false);
                    verdict = Check(result.Buffer);
                    input.AdvanceTo(result.Buffer.Start);
                }

                if (verdict == true)
                {
                    var marker = new Marker();
                    connection.Features.Set<ITlsConnectionFeature>(marker);
                    connection.Features.Set<ITlsApplicationProtocolFeature>(marker);
                }
            }
            catch (OperationCanceledException)
            {
                connection.Abort();
                return;
            }
        }

        await next(connection).ConfigureAwait(false);
    }

    /// <summary>True: the preface; false: something else; null: a prefix of the preface, need more bytes.</summary>
    private static bool? Check(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> start = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(start);
        if (!start[..length].SequenceEqual(Preface.AsSpan(0, length)))
        {
            return false;
        }

        return length == Preface.Length ? true : null;
    }

    private sealed class Marker : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public ReadOnlyMemory<byte> ApplicationProtocol => H2;

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }
}
