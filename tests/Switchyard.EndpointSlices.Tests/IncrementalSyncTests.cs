using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Tests;

/// <summary>Syncs after the first: which Services a store change reaches, and what happens to their slices.</summary>
public sealed class IncrementalSyncTests
{
    private readonly ServiceAllocator _allocator = new();
    private readonly ResourceStore _store = new();
    private readonly EndpointSliceController _controller = new();

    [Fact]
    public void Sync_OnePodReadinessFlipped_OnlyItsServiceRecomputed()
    {
        Reload(Service("web", "app: web") + Service("api", "app: api") + Pod("web-0", "app: web") + Pod("api-0", "app: api"));
        _controller.Sync(_store);
        var api = StoredSlice("api");

        Reload(Service("web", "app: web") + Service("api", "app: api") + Pod("web-0", "app: web", ready: false) + Pod("api-0", "app: api"));
        var change = _controller.Sync(_store);

        // Unchanged counts the recomputed slices found as stored: none, so api was not even recomputed.
        Assert.Equal(new StoreChange(0, 1, 0, 0, 0), change);
        Assert.Same(api, StoredSlice("api"));
        Assert.False(Assert.Single(StoredSlice("web").Endpoints).Conditions.Ready);
        Assert.Equal(1, _controller.FullSyncs);
    }

    [Fact]
    public void Sync_NothingControllerReadsChanged_NothingRecomputed()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web") + Pod("web-0", "app: web") + ConfigMap("settings"));
        var change = _controller.Sync(_store);

        Assert.Equal(new StoreChange(0, 0, 0, 0, 0), change);
    }

    [Fact]
    public void Sync_PodRelabeled_LeavesOldServiceJoinsNew()
    {
        Reload(Service("web", "app: web") + Service("api", "app: api") + Pod("p", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web") + Service("api", "app: api") + Pod("p", "app: api"));
        _controller.Sync(_store);

        Assert.Empty(StoredSlice("web").Endpoints);
        Assert.Equal("p", Assert.Single(StoredSlice("api").Endpoints).TargetRef.Name);
        AssertEqualsFromScratch();
    }

    [Fact]
    public void Sync_PodDeleted_LeavesSlice()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web") + Pod("web-1", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web") + Pod("web-1", "app: web"));
        _controller.Sync(_store);

        Assert.Equal("web-1", Assert.Single(StoredSlice("web").Endpoints).TargetRef.Name);
    }

    [Fact]
    public void Sync_PodSameLabelsOtherNamespace_NotSelected()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web") + Pod("web-0", "app: web") + Pod("web-9", "app: web", ns: "other"));
        var change = _controller.Sync(_store);

        Assert.False(change.Any);
        Assert.Equal("web-0", Assert.Single(StoredSlice("web").Endpoints).TargetRef.Name);
    }

    [Fact]
    public void Sync_PodSubdomainSetToService_HostnamePublished()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web") + Pod("web-0", "app: web", extraSpec: "hostname: web-0\n  subdomain: web"));
        _controller.Sync(_store);

        Assert.Equal("web-0", Assert.Single(StoredSlice("web").Endpoints).Hostname);
    }

    [Fact]
    public void Sync_SelectorEdited_SelectsOtherPods()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web") + Pod("new-0", "app: new"));
        _controller.Sync(_store);

        Reload(Service("web", "app: new") + Pod("web-0", "app: web") + Pod("new-0", "app: new"));
        _controller.Sync(_store);

        Assert.Equal("new-0", Assert.Single(StoredSlice("web").Endpoints).TargetRef.Name);
        AssertEqualsFromScratch();
    }

    [Fact]
    public void Sync_SelectorRemoved_SlicesDeletedUserSlicesUntouched()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web") + UserSlice("web-manual", "web"));
        _controller.Sync(_store);

        Reload(Service("web", selector: null) + Pod("web-0", "app: web") + UserSlice("web-manual", "web"));
        var change = _controller.Sync(_store);

        Assert.Equal(1, change.Deleted);
        var remaining = Assert.Single(_store.Current.All, o => o.Object is V1EndpointSlice);
        Assert.Equal(ResourceStore.FilesSource, remaining.Source);
    }

    [Fact]
    public void Sync_ServiceBecomesExternalName_SlicesDeleted()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web", type: "ExternalName") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Assert.DoesNotContain(_store.Current.All, o => o.Object is V1EndpointSlice);
    }

    [Fact]
    public void Sync_PortRenamed_SliceRewritten()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Reload(Service("web", "app: web", portName: "https") + Pod("web-0", "app: web"));
        var change = _controller.Sync(_store);

        // The port set is part of the slice's identity, so the renamed port's slice has a new name.
        Assert.Equal(1, change.Added);
        Assert.Equal(1, change.Deleted);
        Assert.Equal("https", Assert.Single(StoredSlice("web").Ports).Name);
        AssertEqualsFromScratch();
    }

    [Fact]
    public void Sync_ServiceDeletedAndReadded_SlicesFollow()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);
        Reload(Pod("web-0", "app: web"));
        _controller.Sync(_store);
        Assert.DoesNotContain(_store.Current.All, o => o.Object is V1EndpointSlice);

        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        Assert.Single(StoredSlice("web").Endpoints);
        Assert.Equal(1, _controller.FullSyncs);
    }

    [Fact]
    public void Sync_AnotherStore_RecomputesEverything()
    {
        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);
        var other = new ResourceStore();
        other.ReplaceAll(_allocator.Admit(ManifestLoader.LoadString("input.yaml", Service("web", "app: web") + Pod("web-1", "app: web"), DateTime.UnixEpoch)));

        _controller.Sync(other);

        Assert.Equal(2, _controller.FullSyncs);
        var slice = (V1EndpointSlice)Assert.Single(other.Current.All, o => o.Object is V1EndpointSlice).Object;
        Assert.Equal("web-1", Assert.Single(slice.Endpoints).TargetRef.Name);
    }

    [Fact]
    public void Sync_UserSliceHeldTheControllersName_ControllerSliceWrittenWhenItGoes()
    {
        // A user slice that happens to carry the very name the controller generates: the store keeps the key with
        // whichever source had it first, and the controller's slice follows once the user's is gone.
        var name = new EndpointSliceController().Desired(Load(Service("web", "app: web") + Pod("web-0", "app: web")).Current)[0].Metadata.Name;
        Reload(Service("web", "app: web") + Pod("web-0", "app: web") + UserSlice(name, "web"));
        _controller.Sync(_store);
        Assert.Equal(ResourceStore.FilesSource, Assert.Single(_store.Current.All, o => o.Object is V1EndpointSlice).Source);

        Reload(Service("web", "app: web") + Pod("web-0", "app: web"));
        _controller.Sync(_store);

        var stored = Assert.Single(_store.Current.All, o => o.Object is V1EndpointSlice);
        Assert.Equal(EndpointSliceController.SourceName, stored.Source);
        Assert.Equal(name, stored.Key.Name);
        Assert.Equal(1, _controller.FullSyncs);
        AssertEqualsFromScratch();
    }

    private V1EndpointSlice StoredSlice(string service) =>
        (V1EndpointSlice)Assert.Single(
            _store.Current.All,
            o => o.Source == EndpointSliceController.SourceName && o.Object.Metadata.Labels[EndpointSliceLabels.ServiceName] == service).Object;

    private void AssertEqualsFromScratch() =>
        Assert.Equal(
            IncrementalSyncPropertyTests.Expected(new EndpointSliceController().Desired(_store.Current)),
            IncrementalSyncPropertyTests.Stored(_store));

    private void Reload(string yaml)
    {
        var load = _allocator.Admit(ManifestLoader.LoadString("input.yaml", yaml, DateTime.UnixEpoch, _store.CreationOf));
        Assert.Empty(load.Errors);
        _store.ReplaceAll(load);
    }

    private static ResourceStore Load(string yaml)
    {
        var store = new ResourceStore();
        store.ReplaceAll(new ServiceAllocator().Admit(ManifestLoader.LoadString("input.yaml", yaml, DateTime.UnixEpoch)));
        return store;
    }

    private static string Service(string name, string? selector, string type = "ClusterIP", string portName = "http") => $"""

        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: apps
        spec:
          type: {type}
        {(type == "ExternalName" ? "  externalName: db.example.com\n" : string.Empty)}{(selector is null ? string.Empty : "  selector:\n    " + selector + "\n")}  ports:
          - name: {portName}
            port: 80
            targetPort: 8080
        """;

    private static string Pod(string name, string labels, bool ready = true, string ns = "apps", string? extraSpec = null) => $"""

        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            {labels}
        spec:
          {extraSpec ?? "nodeName: node-1"}
          containers:
          - name: web
            image: nginx
        status:
          phase: Running
          podIP: 192.0.2.{(name.Sum(c => c) % 200) + 1}
          conditions:
          - type: Ready
            status: "{(ready ? "True" : "False")}"
        """;

    private static string ConfigMap(string name) => $"""

        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
          namespace: apps
        data:
          key: value
        """;

    private static string UserSlice(string name, string service) => $"""

        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {name}
          namespace: apps
          labels:
            kubernetes.io/service-name: {service}
        addressType: IPv4
        endpoints:
        - addresses: ["192.0.2.200"]
        """;
}
