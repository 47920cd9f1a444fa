using System.Text.Json.Nodes;
using Switchyard.Status;

namespace Switchyard.Translation.Tests.GatewayApi;

/// <summary>TLSRoutes in every form <c>switchyard status</c> prints: table, yaml and json.</summary>
public sealed class TlsRouteStatusOutputTests
{
    private static readonly (Resources.Store.StoreSnapshot Store, TranslationResult Result) Translated = Translate();

    [Fact]
    public void Table_TlsRoutes_OneRowEachWithParentConditions()
    {
        var table = StatusPrinter.Format(Translated.Store, Translated.Result, "table");

        var rows = table.Split('\n').Where(l => l.StartsWith("TLSRoute", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("abc", StringComparison.Ordinal) && r.EndsWith("tls/exact [Accepted, ResolvedRefs]", StringComparison.Ordinal));
        Assert.Contains("listener exact [Accepted, Programmed, ResolvedRefs] routes=2", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_TlsRoute_CarriesItsStatus()
    {
        var json = JsonNode.Parse(StatusPrinter.Format(Translated.Store, Translated.Result, "json"))!;

        var route = json["items"]!.AsArray().Single(i => i!["kind"]!.GetValue<string>() == "TLSRoute" && i["metadata"]!["name"]!.GetValue<string>() == "weighted")!;
        var parent = route["status"]!["parents"]![0]!;
        Assert.Equal("switchyard.dev/gateway-controller", parent["controllerName"]!.GetValue<string>());
        Assert.Equal(8443, parent["parentRef"]!["port"]!.GetValue<int>());
        Assert.All(parent["conditions"]!.AsArray(), c => Assert.Equal("True", c!["status"]!.GetValue<string>()));
    }

    [Fact]
    public void Yaml_TlsRoute_CarriesItsStatus()
    {
        var yaml = StatusPrinter.Format(Translated.Store, Translated.Result, "yaml");

        Assert.Contains("kind: TLSRoute", yaml, StringComparison.Ordinal);
        Assert.Contains("sectionName: exact", yaml, StringComparison.Ordinal);
    }

    private static (Resources.Store.StoreSnapshot, TranslationResult) Translate()
    {
        var input = File.ReadAllText(Path.Combine(TestData(), "tlsroute-passthrough-hostnames", "input.yaml"));
        var (_, store, result) = GoldenCase.Run(input, new TranslatorOptions());
        return (store, result);
    }

    private static string TestData([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!, "testdata");
}
