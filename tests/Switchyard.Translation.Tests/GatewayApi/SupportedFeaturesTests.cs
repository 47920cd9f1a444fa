using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.GatewayApi;

namespace Switchyard.Translation.Tests.GatewayApi;

public sealed partial class SupportedFeaturesTests
{
    [Fact]
    public void Names_SortedAscendingUniqueAndWithinTheLimit()
    {
        var names = SupportedFeatures.Names;

        Assert.InRange(names.Length, 1, SupportedFeatures.MaxItems);
        Assert.Equal(names.Distinct(StringComparer.Ordinal).Count(), names.Length);
        for (var i = 1; i < names.Length; i++)
        {
            Assert.True(string.CompareOrdinal(names[i - 1], names[i]) < 0, $"{names[i - 1]} must sort before {names[i]}");
        }
    }

    [Fact]
    public void Names_ExactlyTheFeaturesTheDocsMarkSupported()
    {
        var (supported, all) = DocumentedFeatures();

        Assert.All(SupportedFeatures.Names, name => Assert.Contains(name, all));
        Assert.Equal(SupportedFeatures.Names.Order(StringComparer.Ordinal), supported.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("TCPRoute")]
    [InlineData("UDPRoute")]
    public void Names_FeatureNotBuiltYet_NotClaimed(string feature) => Assert.DoesNotContain(feature, SupportedFeatures.Names);

    [Theory]
    [InlineData(null)]
    [InlineData("\n  parametersRef: {group: example.com, kind: Config, name: tuning}")]
    public void Translate_OurGatewayClass_StatusListsTheFeaturesInOrder(string? extra)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new ResourceStore();
        store.ReplaceAll(ManifestLoader.LoadString("input.yaml", $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {"{"}name: switchyard{"}"}
            spec:
              controllerName: switchyard.dev/gateway-controller{extra}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {"{"}name: other{"}"}
            spec:
              controllerName: example.com/other-controller
            """, time.GetUtcNow().UtcDateTime));

        var result = new Translator(new TranslatorOptions(), time).Translate(store.Current, 1);

        var status = (GatewayClassStatus)result.Status[new ResourceKey(GatewayApiGroup.Name, GatewayClass.KindName, string.Empty, "switchyard")];
        Assert.Equal(SupportedFeatures.Names, status.SupportedFeatures!.Select(f => f.Name!));
        Assert.False(result.Status.ContainsKey(new ResourceKey(GatewayApiGroup.Name, GatewayClass.KindName, string.Empty, "other")));
    }

    /// <summary>The feature names of the "Conformance features" table in docs/gateway-api.md: those marked yes, and all.</summary>
    private static (List<string> Supported, List<string> All) DocumentedFeatures([CallerFilePath] string file = "")
    {
        var docs = Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "..", "docs", "gateway-api.md");
        var table = File.ReadAllText(docs).Split("\n## Conformance features\n")[1].Split("\n## ")[0];
        var supported = new List<string>();
        var all = new List<string>();
        foreach (var cells in table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|')))
        {
            var names = Name().Matches(cells[1]).Select(m => m.Groups[1].Value).ToList();
            all.AddRange(names);
            if (cells[2].Trim() == "yes")
            {
                supported.AddRange(names);
            }
        }

        return (supported, all);
    }

    [GeneratedRegex("`([A-Za-z0-9]+)`")]
    private static partial Regex Name();
}
