using k8s;
using k8s.Models;

namespace Switchyard.EndpointSlices.Tests;

public sealed class SliceEqualityTests
{
    public static TheoryData<string> Cases => [.. GoldenCase.Names()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Same_JsonRoundTrip_True(string name)
    {
        var yaml = File.ReadAllText(Path.Combine(GoldenCase.Root(), name, "input.yaml"));

        foreach (var slice in GoldenCase.Run(yaml).Slices)
        {
            Assert.True(SliceEquality.Same(RoundTrip(slice), slice), slice.Metadata.Name);
        }
    }

    [Fact]
    public void Same_AnyWrittenFieldChanged_False()
    {
        var yaml = File.ReadAllText(Path.Combine(GoldenCase.Root(), "hostname-subdomain", "input.yaml"));
        var slice = GoldenCase.Run(yaml).Slices[0];
        var changes = new List<Action<V1EndpointSlice>>
        {
            s => s.AddressType = "IPv6",
            s => s.Metadata.Name += "x",
            s => s.Metadata.Labels["team"] = "x",
            s => s.Metadata.Labels.Remove("kubernetes.io/service-name"),
            s => s.Metadata.OwnerReferences[0].Uid = "x",
            s => s.Metadata.CreationTimestamp = DateTime.MaxValue,
            s => s.Ports![0].Port = 1,
            s => s.Ports![0].Name = "x",
            s => s.Ports = null,
            s => s.Endpoints.RemoveAt(0),
            s => s.Endpoints[0].Addresses[0] = "192.0.2.1",
            s => s.Endpoints[0].Conditions.Ready = false,
            s => s.Endpoints[0].Conditions.Serving = false,
            s => s.Endpoints[0].Conditions.Terminating = true,
            s => s.Endpoints[0].Hostname = null,
            s => s.Endpoints[0].NodeName = "x",
            s => s.Endpoints[0].Zone = null,
            s => s.Endpoints[0].TargetRef.Name = "x",
            s => s.Endpoints[0].Hints = new V1EndpointHints { ForZones = [new V1ForZone { Name = "zone-a" }] },
        };

        for (var i = 0; i < changes.Count; i++)
        {
            var changed = RoundTrip(slice);
            changes[i](changed);
            Assert.False(SliceEquality.Same(changed, slice), "change " + i);
        }
    }

    private static V1EndpointSlice RoundTrip(V1EndpointSlice slice) =>
        KubernetesJson.Deserialize<V1EndpointSlice>(KubernetesJson.Serialize(slice));
}
