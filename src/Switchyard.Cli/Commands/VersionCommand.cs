using System.CommandLine;
using System.Reflection;

namespace Switchyard.Cli.Commands;

internal static class VersionCommand
{
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Command Create()
    {
        var command = new Command("version", "Print the Switchyard version.");
        command.SetAction(_ =>
        {
            Console.Out.WriteLine($"switchyard {Version} (.NET {Environment.Version})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
