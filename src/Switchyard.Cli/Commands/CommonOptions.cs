using System.CommandLine;

namespace Switchyard.Cli.Commands;

/// <summary>Options several commands share, defined once so their names and help agree.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Files(bool required = true) => new("--filename", "-f")
    {
        Description = "Manifest file or directory (recursive: *.yaml, *.yml, *.json), or - for stdin. Repeatable.",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string> Output(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: " + string.Join(", ", allowed) + ".",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }
}
