using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Status;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>
/// One folder of <c>testdata/</c>: <c>input.yaml</c> in; <c>endpointslices.yaml</c> (the desired slices) and, when
/// objects are refused, <c>errors.txt</c> out. <c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites the expected files.
/// </summary>
internal static class GoldenCase
{
    public static readonly DateTime Epoch = DateTime.UnixEpoch;

    public static string Root([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "testdata");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateDirectories(Root())
            .Where(d => File.Exists(Path.Combine(d, "input.yaml")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    public static bool Updating => Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1";

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

    public static string ErrorsText(LoadResult load)
    {
        var sb = new StringBuilder();
        foreach (var error in load.Errors)
        {
            sb.Append(error).Append('\n');
        }

        foreach (var warning in load.Warnings)
        {
            sb.Append("warning: ").Append(warning).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Compares with the expected file, or rewrites it in update mode.</summary>
    public static void AssertMatches(string dir, string fileName, string actual)
    {
        var path = Path.Combine(dir, fileName);
        if (Updating)
        {
            if (actual.Length == 0)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, actual);
            }

            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        Assert.True(expected == actual, $"{path} differs (run with SWITCHYARD_UPDATE_GOLDEN=1 and review the diff).\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}
