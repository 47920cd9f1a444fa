using System.Globalization;
using System.Text;
using k8s.Models;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.EndpointSlices.Tests;

public sealed class EndpointSliceControllerTests
{
    private const string WebService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: apps
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: 8080
        """;

    [Fact]
    public void Desired_250Pods_ThreeSlicesOfAtMost100()
    {
        var store = Load(WebService + Pods(250));

        var slices = new EndpointSliceController().Desired(store.Current);

        Assert.Equal([100, 100, 50], slices.Select(s => s.Endpoints.Count));
        Assert.Equal(3, slices.Select(s => s.Metadata.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(slices, s => Assert.StartsWith("web-", s.Metadata.Name, StringComparison.Ordinal));
        // Every Pod exactly once, in name order across the slices.
        var pods = slices.SelectMany(s => s.Endpoints).Select(e => e.TargetRef.Name).ToList();
        Assert.Equal(Enumerable.Range(0, 250).Select(PodName), pods);
    }

    [Fact]
    public void Desired_SameStoreTwice_SameSlices()
    {
        var store = Load(WebService + Pods(250));
        var controller = new EndpointSliceController();

        var first = GoldenCase.SlicesYaml(controller.Desired(store.Current));
        var second = GoldenCase.SlicesYaml(controller.Desired(Load(WebService + Pods(250)).Current));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Desired_MaxEndpointsPerSliceTwo_ChunksByTwo()
    {
        var store = Load(WebService + Pods(5));

        var slices = new EndpointSliceController(maxEndpointsPerSlice: 2).Desired(store.Current);

        Assert.Equal([2, 2, 1], slices.Select(s => s.Endpoints.Count));
    }

    [Fact]
    public void Sync_SameInputTwice_SecondChangesNothing()
    {
        var store = Load(WebService + Pods(3));
        var controller = new EndpointSliceController();
        var first = controller.Sync(store);
        var events = 0;
        store.Changed += _ => events++;

        var second = controller.Sync(store);

        Assert.Equal(1, first.Added);
        Assert.False(second.Any);
        Assert.Equal(0, events);
    }

    [Fact]
    public void Sync_SlicesStored_OwnedByControllerSource()
    {
        var store = Load(WebService + Pods(3));

        new EndpointSliceController().Sync(store);

        var stored = Assert.Single(store.Current.All, o => o.Object is V1EndpointSlice);
        Assert.Equal(EndpointSliceController.SourceName, stored.Source);
        Assert.Equal(new ResourceKey("discovery.k8s.io", "EndpointSlice", "apps", stored.Object.Metadata.Name), stored.Key);
    }

    [Fact]
    public void Sync_FilesReloadedWithoutService_SlicesDeleted()
    {
        var allocator = new ServiceAllocator();
        var store = Reload(new ResourceStore(), allocator, WebService + Pods(3));
        var controller = new EndpointSliceController();
        controller.Sync(store);

        Reload(store, allocator, Pods(3));
        var change = controller.Sync(store);

        Assert.Equal(1, change.Deleted);
        Assert.DoesNotContain(store.Current.All, o => o.Object is V1EndpointSlice);
    }

    [Fact]
    public void Sync_PodBecomesNotReady_SliceUpdated()
    {
        var allocator = new ServiceAllocator();
        var store = Reload(new ResourceStore(), allocator, WebService + Pods(3));
        var controller = new EndpointSliceController();
        controller.Sync(store);

        Reload(store, allocator, WebService + Pods(3, notReady: 1));
        var change = controller.Sync(store);

        Assert.Equal(1, change.Updated);
        var slice = store.Current.OfType<V1EndpointSlice>().Single();
        Assert.Equal([true, false, true], slice.Endpoints.Select(e => e.Conditions.Ready == true));
    }

    [Fact]
    public void Sync_ServiceWithoutSelector_UserSliceKeptAsWritten()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: external
              namespace: apps
            spec:
              ports:
              - port: 5432
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: external-1
              namespace: apps
              labels:
                kubernetes.io/service-name: external
            addressType: IPv4
            endpoints:
            - addresses: ["192.0.2.50"]
            """;
        var store = Load(Yaml);

        var change = new EndpointSliceController().Sync(store);

        Assert.False(change.Any);
        var slice = Assert.Single(store.Current.All, o => o.Object is V1EndpointSlice);
        Assert.Equal(ResourceStore.FilesSource, slice.Source);
        Assert.Null(((V1EndpointSlice)slice.Object).Endpoints[0].Conditions);
    }

    [Fact]
    public void Desired_NumericTargetPortAsString_UsedAsNumber()
    {
        var yaml = WebService.Replace("targetPort: 8080", "targetPort: \"9090\"", StringComparison.Ordinal) + Pods(1);

        var slice = Assert.Single(new EndpointSliceController().Desired(Load(yaml).Current));

        Assert.Equal(9090, Assert.Single(slice.Ports).Port);
    }

    [Fact]
    public void Desired_TargetPortUnset_ServicePortUsed()
    {
        var yaml = WebService.Replace("\n    targetPort: 8080", string.Empty, StringComparison.Ordinal) + Pods(1);

        var slice = Assert.Single(new EndpointSliceController().Desired(Load(yaml).Current));

        Assert.Equal(80, Assert.Single(slice.Ports).Port);
    }

    internal static string Pods(int count, int notReady = -1)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var ip = "192.0.2." + ((i % 250) + 1).ToString(CultureInfo.InvariantCulture);
            if (i >= 250)
            {
                ip = "198.51.100." + (((i - 250) % 250) + 1).ToString(CultureInfo.InvariantCulture);
            }

            sb.Append(CultureInfo.InvariantCulture, $"""

                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {PodName(i)}
                  namespace: apps
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx
                status:
                  phase: Running
                  podIP: {ip}
                  conditions:
                  - type: Ready
                    status: "{(i == notReady ? "False" : "True")}"
                """);
        }

        return sb.ToString();
    }

    private static string PodName(int i) => "web-" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static ResourceStore Load(string yaml) => Reload(new ResourceStore(), new ServiceAllocator(), yaml);

    // The serve pipeline's order: load, allocate, store.
    private static ResourceStore Reload(ResourceStore store, ServiceAllocator allocator, string yaml)
    {
        var load = allocator.Admit(ManifestLoader.LoadString("input.yaml", yaml, DateTime.UnixEpoch, store.CreationOf));
        Assert.Empty(load.Errors);
        store.ReplaceAll(load);
        return store;
    }
}
