using System.CommandLine;
using Switchyard.Cli.Commands;

var root = new RootCommand("Switchyard: Kubernetes Services, cluster DNS, Ingress and Gateway API routing from plain manifests.")
{
    ServeCommand.Create(),
    StatusCommand.Create(),
    CheckCommand.Create(),
    TraceCommand.Create(),
    EchoCommand.Create(),
    DnsCommand.Create(),
    VersionCommand.Create(),
};

// serve handles SIGTERM/Ctrl-C itself so that it can drain; the other commands finish quickly.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // Usage errors exit 2 (README), keeping 1 for "objects refused" and check findings.
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("error: " + error.Message);
    }

    Console.Error.WriteLine($"Run '{string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Select(c => c.Name).Append(parse.CommandResult.Command.Name))} --help' for usage.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync(configuration);
