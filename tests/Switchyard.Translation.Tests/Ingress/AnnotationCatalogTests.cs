using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Switchyard.Translation.Ingress.Annotations;

namespace Switchyard.Translation.Tests.Ingress;

public sealed partial class AnnotationCatalogTests
{
    [Fact]
    public void Catalog_EveryAnnotation_InTheDocsTableAndNothingElse()
    {
        var documented = DocumentedNames();

        Assert.Equal(AnnotationCatalog.All.Select(a => a.Key).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("rewrite-target", "Supported")]
    [InlineData("configuration-snippet", "Snippet")]
    [InlineData("auth-url", "FailClosed")]
    [InlineData("affinity", "Unsupported")]
    [InlineData("preserve-trailing-slash", "NoEffect")]
    [InlineData("make-it-fast", null)]
    public void Find_Name_SupportLevel(string name, string? expected) => Assert.Equal(expected, AnnotationCatalog.Find(name)?.ToString());

    private static List<string> DocumentedNames([CallerFilePath] string file = "")
    {
        var docs = Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "..", "docs", "ingress.md");
        var table = File.ReadAllText(docs).Split("## Annotations")[1].Split("\n## ")[0];
        var names = new List<string>();
        foreach (var line in table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            names.AddRange(Name().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value));
        }

        return names;
    }

    [GeneratedRegex("`([a-z0-9-]+)`")]
    private static partial Regex Name();
}
