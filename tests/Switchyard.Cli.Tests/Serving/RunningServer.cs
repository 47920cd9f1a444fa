using Switchyard.Cli.Serving;

namespace Switchyard.Cli.Tests.Serving;

/// <summary>
/// A <see cref="SwitchyardServer"/> started and running in the background, as <c>serve</c> runs it; disposing stops
/// the run loop, waits for it to end and disposes the server.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _run;

    private RunningServer(SwitchyardServer server, CancellationTokenSource stop, Task run)
    {
        Server = server;
        _stop = stop;
        _run = run;
    }

    public SwitchyardServer Server { get; }

    /// <summary>Starts <paramref name="server"/> (initial load, listeners bound) and its run loop; a failed start disposes it.</summary>
    public static async Task<RunningServer> StartAsync(SwitchyardServer server)
    {
        var stop = new CancellationTokenSource();
        try
        {
            await server.StartAsync(stop.Token);
        }
        catch
        {
            stop.Dispose();
            await server.DisposeAsync();
            throw;
        }

        return new RunningServer(server, stop, server.RunAsync(stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
