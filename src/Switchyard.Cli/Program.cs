using System.CommandLine;
using Switchyard.Cli.Commands;

var root = new RootCommand("Switchyard: Kubernetes Services, cluster DNS, Ingress and Gateway API routing from plain manifests.")
{
    ServeCommand.Create(),
    StatusCommand.Create(),
    EchoCommand.Create(),
    VersionCommand.Create(),
};

// serve handles SIGTERM/Ctrl-C itself so that it can drain; the other commands finish quickly.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(configuration);
