using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Switchyard.Gateway.Tests.TlsRouting;

/// <summary>
/// A TCP backend on its own loopback address: with a certificate it terminates TLS itself (as a passthrough backend
/// must), without one it speaks plain TCP. It greets each connection with one line, <c>NAME tls=SNI</c> or
/// <c>NAME plain</c>, then echoes every line back as <c>NAME: LINE</c> until the client closes.
/// </summary>
internal sealed class TcpBackend : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    private TcpBackend(string name, IPAddress address, X509Certificate2? certificate)
    {
        Name = name;
        _certificate = certificate;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>The certificate clients must see when they reach this backend through a passthrough listener.</summary>
    public X509Certificate2? Certificate => _certificate;

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>A TLS backend with its own self-signed certificate for <paramref name="dnsName"/>.</summary>
    public static TcpBackend StartTls(string name, string address, string dnsName) =>
        new(name, IPAddress.Parse(address), Integration.TestCertificates.CreateX509(dnsName));

    public static TcpBackend StartPlain(string name, string address) => new(name, IPAddress.Parse(address), null);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        _certificate?.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            string greeting;
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(30));
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, handshake.Token);
                greeting = $"{Name} tls={tls.TargetHostName}";
                stream = tls;
            }
            else
            {
                greeting = $"{Name} plain";
            }

            await using (stream)
            {
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                await using var writer = new StreamWriter(stream, Encoding.ASCII, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
                await writer.WriteLineAsync(greeting);
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    await writer.WriteLineAsync($"{Name}: {line}");
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The client (or the gateway on its behalf) went away.
        }
    }
}
