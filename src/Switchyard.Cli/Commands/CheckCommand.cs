using System.CommandLine;
using System.Globalization;
using Switchyard.Cli.Serving;
using Switchyard.Diagnostics.Check;
using Switchyard.Diagnostics.Output;
using Switchyard.Translation;

namespace Switchyard.Cli.Commands;

/// <summary>
/// <c>switchyard check -f PATH [-o table|json|sarif] [--fail-on error|warning|never] [--now TIME]</c>: run every
/// diagnostic rule. Exit 0 clean, 1 findings at or above --fail-on, 2 load failures.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = CommonOptions.Files();
        var output = CommonOptions.Output("table", "table", "json", "sarif");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity that makes the exit code 1: error, warning, info or never.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
        var now = new Option<string?>("--now") { Description = "Evaluate time-dependent rules (certificate expiry) at this instant (ISO 8601)." };
        var command = new Command("check", "Load manifests and report misconfigurations, each with a rule id, the field and a one-line fix.")
        {
            files,
            output,
            failOn,
            now,
        };
        command.SetAction(parse =>
        {
            TimeProvider time = TimeProvider.System;
            if (parse.GetValue(now) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
                {
                    Console.Error.WriteLine("error: --now: not a date and time: " + text);
                    return ExitCodes.Usage;
                }

                time = new FixedTimeProvider(instant);
            }

            var (findings, load) = Run(parse.GetValue(files)!, time);
            var format = parse.GetValue(output)!;
            if (!string.Equals(format, "table", StringComparison.Ordinal) || load.Errors.Count == 0)
            {
                Console.Out.Write(FindingPrinter.Format(findings, load.Errors, format));
            }

            foreach (var error in load.Errors)
            {
                Console.Error.WriteLine("error: " + error);
            }

            if (load.Errors.Count > 0)
            {
                if (string.Equals(format, "table", StringComparison.Ordinal))
                {
                    Console.Out.Write(FindingPrinter.Table(findings));
                }

                return ExitCodes.Usage;
            }

            return ExitCode(findings, parse.GetValue(failOn)!);
        });
        return command;
    }

    /// <summary>Loads, translates and checks the manifests, exactly as <c>serve</c> would load them.</summary>
    internal static (IReadOnlyList<Finding> Findings, Resources.Loading.LoadResult Load) Run(IReadOnlyList<string> paths, TimeProvider time)
    {
        var pipeline = new ConfigPipeline(paths, new TranslatorOptions(), time);
        var outcome = pipeline.Reload();
        var context = new CheckContext(pipeline.Store.Current, outcome.Published ?? pipeline.Current, time.GetUtcNow());
        return (CheckRunner.Run(context), outcome.Load);
    }

    internal static int ExitCode(IReadOnlyList<Finding> findings, string failOn)
    {
        Severity? threshold = failOn switch
        {
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            "never" => null,
            _ => Severity.Error,
        };
        return threshold is { } t && findings.Any(f => f.Severity >= t) ? ExitCodes.Refused : ExitCodes.Ok;
    }
}
