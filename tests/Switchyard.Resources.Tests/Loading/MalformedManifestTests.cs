using System.Runtime.CompilerServices;
using Switchyard.Resources.Loading;

namespace Switchyard.Resources.Tests.Loading;

/// <summary>
/// testdata/malformed.yaml holds 30 documents with one mistake each between valid objects; every error must name
/// the exact file, line, object and field (testdata/malformed.errors.txt, reviewed by hand), and the valid objects load.
/// </summary>
public sealed class MalformedManifestTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Load_MalformedManifests_EachErrorNamesFileLineObjectField()
    {
        var result = Load();
        var expected = File.ReadAllLines(TestData("malformed.errors.txt")).Where(l => l.Length > 0).ToList();

        Assert.Equal(expected, result.Errors.Select(e => e.ToString()).ToList());
    }

    [Fact]
    public void Load_MalformedManifests_EveryBrokenDocumentRefused()
    {
        var result = Load();
        var numbered = File.ReadAllLines(TestData("malformed.yaml"))
            .Select((text, index) => (text, line: index + 1))
            .Where(l => l.text.StartsWith("# ", StringComparison.Ordinal) && char.IsDigit(l.text[2]))
            .ToList();
        Assert.Equal(30, numbered.Count);

        // Each numbered document yields an error located between its comment and the next document.
        for (var i = 0; i < numbered.Count; i++)
        {
            var start = numbered[i].line;
            var end = i + 1 < numbered.Count ? numbered[i + 1].line : int.MaxValue;
            Assert.True(
                result.Errors.Any(e => e.Location.Line > start && e.Location.Line < end),
                $"no error reported for document '{numbered[i].text}'");
        }
    }

    [Fact]
    public void Load_MalformedManifests_ValidObjectsStillLoad()
    {
        var result = Load();

        var names = result.Objects.Select(o => o.Key.ToString()).ToList();
        Assert.Contains("Service apps/valid-first", names);
        Assert.Contains("HTTPRoute apps/valid-last", names);
        Assert.Contains("Namespace apps", names);
        Assert.Equal(3, names.Count);
    }

    private static LoadResult Load() =>
        ManifestLoader.LoadString("malformed.yaml", File.ReadAllText(TestData("malformed.yaml")), Now);

    private static string TestData(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", name);
}
