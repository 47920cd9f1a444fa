using System.CommandLine;
using System.Runtime.InteropServices;
using Switchyard.Gateway.Echo;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard echo --listen ADDR:PORT --name NAME</c>: a small HTTP echo backend for experiments and tests.</summary>
internal static class EchoCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to listen on, ADDR:PORT.", DefaultValueFactory = _ => "127.0.0.1:8081" };
        var name = new Option<string>("--name") { Description = "Backend name reported in every answer.", DefaultValueFactory = _ => "echo" };
        var command = new Command("echo", "Run an HTTP echo backend answering JSON {backend, method, path, host, headers} (also h2c and WebSocket).")
        {
            listen,
            name,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(listen) is not null && !EndpointParser.TryParse(result.GetValue(listen), out _))
            {
                result.AddError("--listen must be ADDR:PORT, e.g. 127.0.0.1:9081");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            EndpointParser.TryParse(parse.GetValue(listen), out var endpoint);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            EchoServer server;
            try
            {
                server = await EchoServer.StartAsync(endpoint, parse.GetValue(name)!, cancellationToken: stop.Token);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"error: cannot listen on {endpoint}: {ex.Message}");
                return ExitCodes.StartupFailed;
            }

            await using (server)
            {
                Console.Out.WriteLine($"echo backend {server.Name} on http://{server.EndPoint}");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
