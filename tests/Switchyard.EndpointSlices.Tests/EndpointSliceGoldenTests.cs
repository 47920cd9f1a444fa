using Switchyard.Tests.Shared;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>Every folder under testdata/ is one case: manifests in, desired EndpointSlices (and errors) out.</summary>
public sealed class EndpointSliceGoldenTests
{
    public static TheoryData<string> Cases => [.. GoldenCase.Names()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Desired_Case_MatchesGoldenFiles(string name)
    {
        var dir = Path.Combine(GoldenCase.Root(), name);
        var (load, _, slices) = GoldenCase.Run(File.ReadAllText(Path.Combine(dir, "input.yaml")));

        GoldenCase.AssertMatches(dir, "endpointslices.yaml", GoldenCase.SlicesYaml(slices));
        GoldenCase.AssertMatches(dir, "errors.txt", GoldenCase.ErrorsText(load));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Desired_DocumentsShuffled_SameOutput(string name)
    {
        var yaml = File.ReadAllText(Path.Combine(GoldenCase.Root(), name, "input.yaml"));
        var expected = GoldenCase.SlicesYaml(GoldenCase.Run(yaml).Slices);

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var (_, _, slices) = GoldenCase.Run(Mutations.ShuffleDocuments(yaml, seed));
            Assert.Equal(expected, GoldenCase.SlicesYaml(slices));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Desired_FieldsDropped_NeverThrows(string name)
    {
        var yaml = File.ReadAllText(Path.Combine(GoldenCase.Root(), name, "input.yaml"));
        var variants = 0;
        foreach (var mutated in Mutations.DropEachField(yaml, limit: 300))
        {
            var (_, _, slices) = GoldenCase.Run(mutated);
            Assert.All(slices, s => Assert.InRange(s.Endpoints.Count, 0, EndpointSliceController.DefaultMaxEndpointsPerSlice));
            variants++;
        }

        Assert.True(variants > 0, "the case has fields to drop");
    }
}
