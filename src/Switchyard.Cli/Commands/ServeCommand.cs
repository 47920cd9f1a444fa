using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Switchyard.Cli.Observability;
using Switchyard.Cli.Serving;
using Switchyard.Translation;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard serve -f PATH...</c>: run the gateway from manifest files, reloading them on change.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var files = CommonOptions.Files();
        var watch = new Option<bool>("--watch") { Description = "Watch the manifest files and apply changes (default).", DefaultValueFactory = _ => true };
        var noWatch = new Option<bool>("--no-watch") { Description = "Load the manifests once; ignore later changes." };
        var admin = new Option<string>("--admin") { Description = "Admin API address (healthz, readyz, status, config).", DefaultValueFactory = _ => "127.0.0.1:9901" };
        var bindAddress = new Option<string>("--bind-address") { Description = "Address Gateway listeners bind when a Gateway has no spec.addresses.", DefaultValueFactory = _ => "0.0.0.0" };
        var drain = new Option<double>("--drain-timeout") { Description = "Seconds to drain in-flight requests on shutdown.", DefaultValueFactory = _ => 10 };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };
        var logFormat = new Option<string>("--log-format") { Description = "Log format: text or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var accessLog = new Option<string>("--access-log") { Description = "Access log: off, stdout or a file path (one JSON line per request).", DefaultValueFactory = _ => "off" };
        var command = new Command("serve", "Serve Gateway API and Ingress routing (and the admin API) from manifest files.")
        {
            files, watch, noWatch, admin, bindAddress, drain, logLevel, logFormat, accessLog,
        };
        command.Validators.Add(result =>
        {
            // Validators see only what was typed; defaults are applied later.
            if (result.GetResult(admin) is not null && !EndpointParser.TryParse(result.GetValue(admin), out _))
            {
                result.AddError("--admin must be ADDR:PORT, e.g. 127.0.0.1:9901");
            }

            if (result.GetResult(bindAddress) is not null && !IPAddress.TryParse(result.GetValue(bindAddress), out _))
            {
                result.AddError("--bind-address must be an IP address");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            EndpointParser.TryParse(parse.GetValue(admin), out var adminEndpoint);
            var options = new ServeOptions
            {
                Files = parse.GetValue(files)!,
                Watch = parse.GetValue(watch) && !parse.GetValue(noWatch),
                Admin = adminEndpoint,
                DrainTimeout = TimeSpan.FromSeconds(parse.GetValue(drain)),
                Translator = new TranslatorOptions { BindAddress = parse.GetValue(bindAddress)! },
                AccessLog = parse.GetValue(accessLog)!,
            };
            using var loggerFactory = LoggerFactory.Create(b => b
                .AddServeConsole(parse.GetValue(logFormat)!)
                .SetMinimumLevel(parse.GetValue(logLevel))
                // ASP.NET's own lifecycle chatter is noise for a proxy; Switchyard logs what matters itself.
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Yarp", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error));
            return await RunAsync(options, loggerFactory, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var server = new SwitchyardServer(options, loggerFactory, TimeProvider.System, Console.Out);
        try
        {
            await server.StartAsync(stop.Token);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: cannot start: {ex.Message}");
            return ExitCodes.StartupFailed;
        }

        await server.RunAsync(stop.Token);
        return ExitCodes.Ok;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
