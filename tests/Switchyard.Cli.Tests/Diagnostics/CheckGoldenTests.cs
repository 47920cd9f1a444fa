using Switchyard.Cli.Commands;
using Switchyard.Diagnostics.Output;

namespace Switchyard.Cli.Tests.Diagnostics;

/// <summary>
/// Every folder under testdata/check/ is one case: <c>input.yaml</c> in, <c>findings.txt</c> (the table output) out.
/// Cases are named after the rule they trigger or show not triggering. <c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites them.
/// </summary>
public sealed class CheckGoldenTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases =>
        [.. Directory.GetDirectories(Root()).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    private static string Root() => SourceRoot();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_Case_MatchesGoldenFindings(string name)
    {
        var dir = Path.Combine(Root(), name);
        var (findings, load) = CheckCommand.Run([Path.Combine(dir, "input.yaml")], new FixedTimeProvider(Now));
        Assert.Empty(load.Errors);
        var actual = FindingPrinter.Table(findings).Replace(dir + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
        var expectedPath = Path.Combine(dir, "findings.txt");
        if (Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }

        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_Case_SarifNamesEveryResultRule(string name)
    {
        var dir = Path.Combine(Root(), name);
        var (findings, load) = CheckCommand.Run([Path.Combine(dir, "input.yaml")], new FixedTimeProvider(Now));
        using var sarif = System.Text.Json.JsonDocument.Parse(FindingPrinter.Sarif(findings, load.Errors));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var ids = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Contains(result.GetProperty("ruleId").GetString(), ids);
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("input.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.True(physical.GetProperty("region").GetProperty("startLine").GetInt32() > 0);
        }
    }

    [Fact]
    public void ExitCode_FailOn_ThresholdApplies()
    {
        var dir = Path.Combine(Root(), "services-triggering");
        var (findings, _) = CheckCommand.Run([Path.Combine(dir, "input.yaml")], new FixedTimeProvider(Now));
        Assert.Equal(ExitCodes.Refused, CheckCommand.ExitCode(findings, "error"));
        Assert.Equal(ExitCodes.Ok, CheckCommand.ExitCode(findings, "never"));
        Assert.Equal(ExitCodes.Ok, CheckCommand.ExitCode([], "info"));
    }

    private static string SourceRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!, "testdata", "check");
}
