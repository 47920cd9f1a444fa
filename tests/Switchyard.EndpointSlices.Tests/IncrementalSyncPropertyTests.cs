using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>
/// Random sequences of Pod and Service edits, each synced incrementally: after every step the controller's slices in
/// the store must be exactly what a from-scratch computation over the same store gives.
/// </summary>
public sealed class IncrementalSyncPropertyTests
{
    // Small slices so that chunking, and chunks appearing and disappearing, is exercised by a handful of Pods.
    private const int MaxEndpoints = 2;

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Sync_RandomEdits_EqualsFromScratchAfterEveryStep(int seed)
    {
        var model = new ClusterModel(seed);
        var store = new ResourceStore();
        var controller = new EndpointSliceController(MaxEndpoints);
        var random = new Random(seed * 7919);
        var history = new List<string>();
        var incremental = 0;
        for (var step = 0; step < 250; step++)
        {
            // One or a few edits per step; written as a full reload (serve's path) or as just the touched objects, and
            // sometimes as two store writes before one sync (so the changes span several journal entries).
            var writes = random.Next(6) == 0 ? 2 : 1;
            for (var w = 0; w < writes; w++)
            {
                var edits = random.Next(4) == 0 ? random.Next(2, 6) : 1;
                for (var e = 0; e < edits; e++)
                {
                    history.Add(step + ": " + model.Edit());
                }

                var (upserts, deletes) = model.TakeTouched();
                if (random.Next(2) == 0)
                {
                    store.ReplaceAll(model.Files());
                }
                else
                {
                    store.UpdateSource(ResourceStore.FilesSource, upserts, deletes);
                }
            }

            var before = controller.FullSyncs;
            controller.Sync(store);
            incremental += controller.FullSyncs == before ? 1 : 0;
            AssertSlicesAreDesired(store, history);

            var again = controller.Sync(store);
            Assert.False(again.Any, "a second sync changed the store after: " + string.Join('\n', history));
        }

        Assert.Equal(1, controller.FullSyncs);
        Assert.Equal(249, incremental);
        Assert.True(model.PodCount > 0 && model.ServiceCount > 0);
    }

    [Fact]
    public void Sync_JournalOutrun_RecomputesEverythingAndStaysEqual()
    {
        var model = new ClusterModel(42);
        var store = new ResourceStore();
        var controller = new EndpointSliceController(MaxEndpoints);
        for (var i = 0; i < 10; i++)
        {
            model.Edit();
        }

        store.ReplaceAll(model.Files());
        controller.Sync(store);

        // More separate writes than the store's journal remembers.
        for (var i = 0; i < 200; i++)
        {
            model.Edit();
            var (upserts, deletes) = model.TakeTouched();
            store.UpdateSource(ResourceStore.FilesSource, upserts, deletes);
        }

        controller.Sync(store);

        Assert.Equal(2, controller.FullSyncs);
        AssertSlicesAreDesired(store, []);
    }

    /// <summary>The controller's objects in the store, as JSON without the fields the store assigns, by key.</summary>
    internal static SortedDictionary<string, string> Stored(ResourceStore store)
    {
        var slices = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var stored in store.Current.All)
        {
            if (stored.Source == EndpointSliceController.SourceName)
            {
                slices.Add(stored.Key.ToString(), Json(stored.Object));
            }
        }

        return slices;
    }

    internal static SortedDictionary<string, string> Expected(IReadOnlyList<V1EndpointSlice> desired)
    {
        var slices = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var slice in desired)
        {
            var key = new ResourceKey("discovery.k8s.io", "EndpointSlice", slice.Metadata.NamespaceProperty, slice.Metadata.Name);
            slices.Add(key.ToString(), Json(slice));
        }

        return slices;
    }

    private static void AssertSlicesAreDesired(ResourceStore store, List<string> history)
    {
        var expected = Expected(new EndpointSliceController(MaxEndpoints).Desired(store.Current));
        var actual = Stored(store);
        if (!expected.SequenceEqual(actual))
        {
            Assert.Fail("incremental slices differ from a full recompute after:\n" + string.Join('\n', history.TakeLast(12))
                + "\nexpected:\n" + string.Join('\n', expected) + "\nactual:\n" + string.Join('\n', actual));
        }

        // And literally: a fresh controller's full sync of this store has nothing to write.
        Assert.False(new EndpointSliceController(MaxEndpoints).Sync(store).Any);
    }

    private static string Json(IKubernetesObject<V1ObjectMeta> obj)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!;
        var meta = node["metadata"]!.AsObject();
        meta.Remove("resourceVersion");
        meta.Remove("generation");
        return node.ToJsonString();
    }
}
