using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Switchyard.Gateway.Tests.TlsRouting;

/// <summary>
/// A real TLS client connection through the gateway: SslStream with an SNI name, accepting any certificate but
/// remembering which one it was served (the backend's own in passthrough, the gateway's when it terminates).
/// </summary>
internal sealed class TlsClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly StreamWriter _writer;

    private TlsClient(TcpClient tcp, SslStream tls, string? thumbprint, string greeting)
    {
        _tcp = tcp;
        _tls = tls;
        ServedThumbprint = thumbprint;
        Greeting = greeting;
        _writer = new StreamWriter(tls, Encoding.ASCII, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>Thumbprint of the certificate the client was served.</summary>
    public string? ServedThumbprint { get; }

    /// <summary>The backend's first line: <c>NAME tls=SNI</c> or <c>NAME plain</c>.</summary>
    public string Greeting { get; }

    /// <summary>The backend that answered (first word of the greeting).</summary>
    public string Backend => Greeting.Split(' ')[0];

    public static async Task<TlsClient> ConnectAsync(IPEndPoint gateway, string serverName)
    {
        var tcp = new TcpClient(gateway.AddressFamily) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await tcp.ConnectAsync(gateway, timeout.Token);
            string? thumbprint = null;
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = serverName,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        using var served = certificate is null ? null : new X509Certificate2(certificate);
                        thumbprint = served?.Thumbprint;
                        return true;
                    },
                },
                timeout.Token);
            var greeting = await ReadLineAsync(tls, timeout.Token) ?? throw new IOException("closed before the greeting");
            return new TlsClient(tcp, tls, thumbprint, greeting);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>True when the gateway closes (or resets) the connection before the client gets a greeting.</summary>
    public static async Task<bool> IsRefusedAsync(IPEndPoint gateway, string serverName)
    {
        try
        {
            await using var client = await ConnectAsync(gateway, serverName);
            return false;
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
    }

    /// <summary>Sends a line and returns the backend's echo of it.</summary>
    public async Task<string?> EchoAsync(string line)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _writer.WriteLineAsync(line.AsMemory(), timeout.Token);
        return await ReadLineAsync(_tls, timeout.Token);
    }

    /// <summary>Waits until the gateway ends the connection: true when it did (EOF or reset) within the timeout.</summary>
    public async Task<bool> ClosedByPeerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            while (await _tls.ReadAsync(buffer, cts.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _tls.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    // Byte by byte, so that nothing after the line is buffered away from later reads.
    private static async Task<string?> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }

            if (one[0] == (byte)'\n')
            {
                return line.ToString();
            }

            line.Append((char)one[0]);
        }
    }
}
