using System.CommandLine;
using System.Text.Json;
using Switchyard.Cli.Commands;

namespace Switchyard.Cli.Tests.Diagnostics;

/// <summary>
/// Every folder under testdata/trace/ is one scenario: <c>input.yaml</c> (the manifests), <c>args</c> (the arguments of
/// <c>switchyard trace -f input.yaml</c>, one per line) and the expected outputs <c>trace.txt</c> (text, then the exit
/// code) and <c>trace.json</c>. Scenarios are named after the symptom they diagnose (docs/troubleshooting.md) or the
/// happy path they show. <c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites the expected files.
/// </summary>
public sealed class TraceGoldenTests
{
    public static TheoryData<string> Cases =>
        [.. Directory.GetDirectories(Root()).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trace_Case_MatchesGoldenOutput(string name)
    {
        var dir = Path.Combine(Root(), name);
        var args = File.ReadAllLines(Path.Combine(dir, "args")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var (text, textExit) = Invoke(dir, [.. args]);
        var (json, jsonExit) = Invoke(dir, [.. args, "-o", "json"]);
        Assert.Equal(textExit, jsonExit);
        Assert.InRange(textExit, 0, 1);
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(textExit == 0, document.RootElement.GetProperty("served").GetBoolean());
            var steps = document.RootElement.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("step").GetInt32()).ToList();
            Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        }

        var expectedText = text + "exit code: " + textExit + "\n";
        Golden(Path.Combine(dir, "trace.txt"), expectedText);
        Golden(Path.Combine(dir, "trace.json"), json);
    }

    [Fact]
    public void Trace_UnknownFromPod_IsUsageError()
    {
        var dir = Path.Combine(Root(), "gateway-happy-canary-and-weights");
        var (_, exit) = Invoke(dir, ["http://web.example.com:8080/", "--from-pod", "nowhere/nobody"]);
        Assert.Equal(ExitCodes.Usage, exit);
    }

    [Fact]
    public void Trace_SniOnPlainHttpOrNotADnsName_IsUsageError()
    {
        var dir = Path.Combine(Root(), "symptom-421-misdirected-sni");
        Assert.Equal(ExitCodes.Usage, Invoke(dir, ["http://shop.example.com:8443/", "--sni", "api.example.com"]).Exit);
        Assert.Equal(ExitCodes.Usage, Invoke(dir, ["https://shop.example.com:8443/", "--sni", "192.0.2.1"]).Exit);
        Assert.Equal(ExitCodes.Ok, Invoke(dir, ["https://shop.example.com:8443/", "--sni", "SHOP.example.com."]).Exit);
    }

    [Fact]
    public void Trace_NotHttpUrl_IsUsageError()
    {
        var dir = Path.Combine(Root(), "gateway-happy-canary-and-weights");
        var (_, exit) = Invoke(dir, ["ftp://web.example.com/"]);
        Assert.Equal(ExitCodes.Usage, exit);
    }

    [Fact]
    public void Trace_GrpcCallWithMethodOtherThanPost_IsUsageError()
    {
        var dir = Path.Combine(Root(), "gateway-grpcroute-unimplemented");
        Assert.Equal(ExitCodes.Usage, Invoke(dir, ["grpc://grpc.example.com:8080/shop.Cart/Add", "-X", "GET"]).Exit);
        Assert.Equal(ExitCodes.Usage, Invoke(dir, ["grpc://grpc.example.com:8080/shop.Cart"]).Exit);
        Assert.NotEqual(ExitCodes.Usage, Invoke(dir, ["grpc://grpc.example.com:8080/shop.Cart/Add", "-X", "post"]).Exit);
    }

    [Fact]
    public void Trace_RefusedObject_IsLoadError()
    {
        var dir = Directory.CreateTempSubdirectory("sy-trace-bad-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "input.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: apps}\nspec:\n  ports: [{port: 70000}]\n");
            var (_, exit) = Invoke(dir.FullName, ["http://web.apps.svc.cluster.local/"]);
            Assert.Equal(ExitCodes.Usage, exit);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (string Output, int Exit) Invoke(string dir, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { TraceCommand.Create() };
        var exit = root.Parse(["trace", "-f", Path.Combine(dir, "input.yaml"), "--now", "2030-01-01T00:00:00Z", .. args])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(error.ToString().Length == 0 || exit == ExitCodes.Usage, error.ToString());
        return (output.ToString().Replace(dir + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal), exit);
    }

    private static void Golden(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), path + " is missing; run with SWITCHYARD_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string Root() => SourceRoot();

    private static string SourceRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!, "testdata", "trace");
}
