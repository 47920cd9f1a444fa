using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Commands;
using Switchyard.Cli.Serving;
using Switchyard.Cli.Tests.GatewayServe;

namespace Switchyard.Cli.Tests.Serving;

/// <summary>
/// <c>serve --max-tls-connections</c> and <c>--tls-idle-timeout</c> end to end: the options parsed from the command line
/// run a real server with a TLS Passthrough listener whose backend accepts connections and stays silent, so that a
/// routed connection carries no bytes after the ClientHello. With a limit of one, a second connection is reset before
/// it is routed (the backend never sees it), and the first is closed once idle for the timeout.
/// </summary>
public sealed class ServeTlsListenerFlagsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-serve-tls-flags-");
    private readonly TcpListener _backend = new(IPAddress.Parse("127.0.32.3"), 0);
    private readonly List<TcpClient> _held = [];
    private readonly int _port = TlsPassthrough.FreePort();
    private int _backendAccepts;
    private Task? _accepting;
    private RunningServer? _running;

    public async Task InitializeAsync()
    {
        _backend.Start();
        _accepting = AcceptAsync();
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "tls.yaml"), Manifests((IPEndPoint)_backend.LocalEndpoint));
        ServeOptions? parsed = null;
        var command = ServeCommand.Create((options, _, _) =>
        {
            parsed = options;
            return Task.FromResult(0);
        });
        var exit = await command.Parse([
            "-f", _dir.FullName, "--no-watch", "--admin", "127.0.0.1:0", "--dns", "off", "--ingress-http", "off", "--ingress-https", "off",
            "--inline-io", "false", "--max-tls-connections", "1", "--tls-idle-timeout", "4s"]).InvokeAsync();
        Assert.Equal(0, exit);
        _running = await RunningServer.StartAsync(new SwitchyardServer(parsed!, NullLoggerFactory.Instance, TimeProvider.System, new StringWriter()));
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        _backend.Stop();
        if (_accepting is not null)
        {
            await _accepting;
        }

        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_MaxTlsConnectionsAndIdleTimeoutFlags_LimitAndCloseTlsListenerConnections()
    {
        Assert.True(_running!.Server.IsReady);
        var gateway = new IPEndPoint(IPAddress.Loopback, _port);

        // The first connection is routed: its ClientHello reaches the silent backend, and the handshake waits.
        using var first = new TcpClient();
        await first.ConnectAsync(gateway);
        await using var firstTls = new SslStream(first.GetStream());
        var firstHandshake = Handshake(firstTls);
        await Poll.UntilAsync(() => Volatile.Read(ref _backendAccepts) == 1, "the first connection reaches the backend");

        // Over the limit of one: reset by the gateway right after the accept (the reset may already fail the connect),
        // never routed.
        using var second = new TcpClient();
        var refused = await Record.ExceptionAsync(async () =>
        {
            await second.ConnectAsync(gateway);
            await using var secondTls = new SslStream(second.GetStream());
            await Handshake(secondTls).WaitAsync(TimeSpan.FromSeconds(20));
        });
        Assert.True(refused is IOException or SocketException or System.Security.Authentication.AuthenticationException, refused?.ToString());
        Assert.Equal(1, Volatile.Read(ref _backendAccepts));

        // Idle in both directions for 4 s: the gateway closes the first connection (the default would wait an hour).
        var closed = await Record.ExceptionAsync(() => firstHandshake.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(closed is IOException or SocketException or System.Security.Authentication.AuthenticationException, closed?.ToString());
    }

    private static Task Handshake(SslStream tls) => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
    {
        TargetHost = "db.example.com",
        RemoteCertificateValidationCallback = static (_, _, _, _) => true,
    });

    private async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                var client = await _backend.AcceptTcpClientAsync();
                lock (_held)
                {
                    _held.Add(client);
                }

                Interlocked.Increment(ref _backendAccepts);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private string Manifests(IPEndPoint backend) => TlsPassthrough.Manifests(_port, backend);
}
