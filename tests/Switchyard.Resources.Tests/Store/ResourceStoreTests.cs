using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.Resources.Tests.Store;

public sealed class ResourceStoreTests
{
    [Fact]
    public void TryGetChanges_OneWrite_KeysItTouched()
    {
        var store = new ResourceStore();
        store.ReplaceAll(Load(Pod("a"), Pod("b")));
        var before = store.Current.Revision;

        store.ReplaceAll(Load(Pod("a", ready: false), Pod("c")));

        Assert.True(store.TryGetChanges(before, store.Current.Revision, out var keys));
        Assert.Equal(["a", "b", "c"], keys.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryGetChanges_SeveralWrites_EachKeyOnce()
    {
        var store = new ResourceStore();
        var start = store.Current.Revision;
        store.ReplaceAll(Load(Pod("a")));
        store.ReplaceAll(Load(Pod("a", ready: false)));
        store.ReplaceAll(Load(Pod("a"), Pod("b")));

        Assert.True(store.TryGetChanges(start, store.Current.Revision, out var keys));
        Assert.Equal(["a", "b"], keys.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryGetChanges_SameRevision_Empty()
    {
        var store = new ResourceStore();
        store.ReplaceAll(Load(Pod("a")));
        var revision = store.Current.Revision;

        store.ReplaceAll(Load(Pod("a")));

        Assert.Equal(revision, store.Current.Revision);
        Assert.True(store.TryGetChanges(revision, revision, out var keys));
        Assert.Empty(keys);
    }

    [Fact]
    public void TryGetChanges_RevisionInsideOneWrite_False()
    {
        var store = new ResourceStore();
        var start = store.Current.Revision;
        store.ReplaceAll(Load(Pod("a"), Pod("b"), Pod("c")));

        // Revisions start + 1 and + 2 were never a snapshot: the store cannot say what changed after them.
        Assert.False(store.TryGetChanges(start + 1, store.Current.Revision, out _));
        Assert.False(store.TryGetChanges(store.Current.Revision, start, out _));
    }

    [Fact]
    public void TryGetChanges_OlderThanJournal_False()
    {
        var store = new ResourceStore();
        store.ReplaceAll(Load(Pod("a")));
        var old = store.Current.Revision;
        for (var i = 0; i < 100; i++)
        {
            store.ReplaceAll(Load(Pod("a", ready: i % 2 == 0)));
        }

        Assert.False(store.TryGetChanges(old, store.Current.Revision, out _));
        var recent = store.Current.Revision;
        store.ReplaceAll(Load(Pod("a", ready: true), Pod("b")));
        Assert.True(store.TryGetChanges(recent, store.Current.Revision, out var keys));
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public void UpdateSource_UpsertAndDelete_SourcesOtherObjectsKept()
    {
        var store = new ResourceStore();
        store.ReplaceSource("controller", Load(Pod("a"), Pod("b"), Pod("c")));
        var kept = store.Current.Find(Key("c"))!.Object;
        var before = store.Current.Revision;

        var change = store.UpdateSource("controller", Load(Pod("a", ready: false), Pod("d")).Objects, [Key("b")]);

        Assert.Equal(new StoreChange(1, 1, 1, 0, 0), change);
        Assert.Equal(["a", "c", "d"], store.Current.All.Select(o => o.Key.Name));
        Assert.Same(kept, store.Current.Find(Key("c"))!.Object);
        Assert.Equal("False", ((V1Pod)store.Current.Find(Key("a"))!.Object).Status.Conditions[0].Status);
        Assert.True(store.TryGetChanges(before, store.Current.Revision, out var keys));
        Assert.Equal(["a", "b", "d"], keys.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UpdateSource_KeysOfAnotherSource_NeitherWrittenNorDeleted()
    {
        var store = new ResourceStore();
        store.ReplaceAll(Load(Pod("a"), Pod("b")));

        var change = store.UpdateSource("controller", Load(Pod("a", ready: false)).Objects, [Key("b")]);

        Assert.False(change.Any);
        Assert.All(store.Current.All, o => Assert.Equal(ResourceStore.FilesSource, o.Source));
        Assert.Equal("True", ((V1Pod)store.Current.Find(Key("a"))!.Object).Status.Conditions[0].Status);
        Assert.NotNull(store.Current.Find(Key("b")));
    }

    [Fact]
    public void UpdateSource_SameContent_NoRevisionNoEvent()
    {
        var store = new ResourceStore();
        store.ReplaceAll(Load(Pod("a")));
        var revision = store.Current.Revision;
        var events = 0;
        store.Changed += _ => events++;

        var change = store.UpdateSource(ResourceStore.FilesSource, Load(Pod("a")).Objects, [Key("missing")]);

        Assert.Equal(new StoreChange(0, 0, 0, 1, 0), change);
        Assert.Equal(revision, store.Current.Revision);
        Assert.Equal(0, events);
    }

    [Fact]
    public void UpdateSource_ChangedObject_VersionsAssignedAsReplaceSourceDoes()
    {
        var store = new ResourceStore();
        store.ReplaceAll(Load(Pod("a")));
        var first = store.Current.Find(Key("a"))!.Object.Metadata;

        store.UpdateSource(ResourceStore.FilesSource, Load(Pod("a", ready: false)).Objects, []);

        var second = store.Current.Find(Key("a"))!.Object.Metadata;
        Assert.Equal(store.Current.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), second.ResourceVersion);
        Assert.NotEqual(first.ResourceVersion, second.ResourceVersion);
        // Only status changed: the generation stays.
        Assert.Equal(first.Generation, second.Generation);
    }

    private static ResourceKey Key(string name) => new(string.Empty, "Pod", "apps", name);

    // Only the Pods: the loader also defaults the namespace object, which would only add noise to the counts.
    private static LoadResult Load(params string[] documents)
    {
        var load = ManifestLoader.LoadString("input.yaml", string.Join("\n---\n", documents), DateTime.UnixEpoch);
        Assert.Empty(load.Errors);
        return load with { Objects = [.. load.Objects.Where(o => o.Object is V1Pod)] };
    }

    private static string Pod(string name, bool ready = true) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: apps
        spec:
          containers:
          - name: web
            image: nginx
        status:
          phase: Running
          podIP: 192.0.2.10
          conditions:
          - type: Ready
            status: "{(ready ? "True" : "False")}"
        """;
}
