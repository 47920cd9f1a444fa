using Switchyard.Tests.Shared;

namespace Switchyard.Translation.Tests;

/// <summary>Every folder under testdata/ is one case: manifests in, status, IR, errors and warnings out.</summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases => [.. GoldenCase.Names()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_Case_MatchesGoldenFiles(string name)
    {
        var dir = Path.Combine(GoldenCase.Root(), name);
        var (load, store, result) = GoldenCase.Run(File.ReadAllText(Path.Combine(dir, "input.yaml")), GoldenCase.Options(dir));

        GoldenCase.AssertMatches(dir, "status.yaml", GoldenCase.StatusYaml(store, result));
        GoldenCase.AssertMatches(dir, "ir.yaml", GoldenCase.IrYaml(result));
        GoldenCase.AssertMatches(dir, "errors.txt", GoldenCase.ErrorsText(load));
        GoldenCase.AssertMatches(dir, "warnings.txt", GoldenCase.WarningsText(result));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_DocumentsShuffled_SameOutput(string name)
    {
        var dir = Path.Combine(GoldenCase.Root(), name);
        var yaml = File.ReadAllText(Path.Combine(dir, "input.yaml"));
        var options = GoldenCase.Options(dir);
        var (load, store, result) = GoldenCase.Run(yaml, options);
        if (load.Errors.Count > 0)
        {
            // With refused duplicates, which copy wins depends on order by design; the other mutation test still runs.
            return;
        }

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var shuffled = Mutations.ShuffleDocuments(yaml, seed);
            var (_, shuffledStore, shuffledResult) = GoldenCase.Run(shuffled, options);
            Assert.Equal(GoldenCase.StatusYaml(store, result), GoldenCase.StatusYaml(shuffledStore, shuffledResult));
            Assert.Equal(GoldenCase.IrYaml(result), GoldenCase.IrYaml(shuffledResult));
            Assert.Equal(GoldenCase.WarningsText(result), GoldenCase.WarningsText(shuffledResult));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_FieldsDropped_NeverThrows(string name)
    {
        var dir = Path.Combine(GoldenCase.Root(), name);
        var yaml = File.ReadAllText(Path.Combine(dir, "input.yaml"));
        var options = GoldenCase.Options(dir);
        var variants = 0;
        foreach (var mutated in Mutations.DropEachField(yaml, limit: 200))
        {
            var (_, _, result) = GoldenCase.Run(mutated, options);
            Assert.Empty(result.Snapshot.Validate());
            variants++;
        }

        Assert.True(variants > 0, "the case has fields to drop");
    }
}
