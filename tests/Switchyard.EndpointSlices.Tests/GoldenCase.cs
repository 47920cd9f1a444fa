using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Status;

using Switchyard.Tests.Shared;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>
/// One folder of <c>testdata/</c>: <c>input.yaml</c> in; <c>endpointslices.yaml</c> (the desired slices) and, when
/// objects are refused, <c>errors.txt</c> out. <c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites the expected files.
/// </summary>
internal static class GoldenCase
{
    public static readonly DateTime Epoch = DateTime.UnixEpoch;

    public static string Root([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "testdata");

    public static IEnumerable<string> Names() => GoldenFiles.CaseNames(Root());

    public static bool Updating => GoldenFiles.Updating;

    /// <summary>The serve pipeline's order: load (at the epoch), allocate, store, then the controller's desired slices.</summary>
    public static (LoadResult Load, StoreSnapshot Store, IReadOnlyList<V1EndpointSlice> Slices) Run(string yaml)
    {
        var load = ManifestLoader.LoadString("input.yaml", yaml, Epoch);
        load = new ServiceAllocator().Admit(load);
        var store = new ResourceStore();
        store.ReplaceAll(load);
        var slices = new EndpointSliceController().Desired(store.Current);
        return (load, store.Current, slices);
    }

    public static string SlicesYaml(IReadOnlyList<V1EndpointSlice> slices)
    {
        var items = new JsonArray();
        foreach (var slice in slices)
        {
            items.Add(JsonNode.Parse(KubernetesJson.Serialize(slice)));
        }

        return YamlWriter.Write(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = items,
        });
    }

    public static string ErrorsText(LoadResult load) => GoldenFiles.ErrorsText(load);

    /// <summary>Compares with the expected file, or rewrites it in update mode.</summary>
    public static void AssertMatches(string dir, string fileName, string actual) => GoldenFiles.AssertMatches(dir, fileName, actual);
}
