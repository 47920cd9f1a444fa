using System.CommandLine;
using Switchyard.Status;
using Switchyard.Cli.Serving;
using Switchyard.Translation;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard status -f PATH [-o table|yaml|json]</c>: load, validate, translate and print every object with its status.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var files = CommonOptions.Files();
        var output = CommonOptions.Output("table", "table", "yaml", "json");
        var command = new Command("status", "Load manifests, validate and translate them, and print every object with its computed status.")
        {
            files,
            output,
        };
        command.SetAction(parse =>
        {
            var pipeline = new ConfigPipeline(parse.GetValue(files)!, new TranslatorOptions(), TimeProvider.System);
            var outcome = pipeline.Reload();
            foreach (var warning in outcome.Load.Warnings)
            {
                Console.Error.WriteLine("warning: " + warning);
            }

            foreach (var error in outcome.Load.Errors)
            {
                Console.Error.WriteLine("error: " + error);
            }

            foreach (var warning in pipeline.Current.Warnings)
            {
                Console.Error.WriteLine("warning: " + warning);
            }

            foreach (var problem in outcome.SnapshotProblems)
            {
                Console.Error.WriteLine("error: invalid snapshot: " + problem);
            }

            Console.Out.Write(StatusPrinter.Format(pipeline.CurrentStore, pipeline.Current, parse.GetValue(output)!));
            return outcome.Load.Errors.Count > 0 || outcome.Rejected ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return command;
    }
}
