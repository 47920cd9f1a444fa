using System.Net.Sockets;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.ServiceProxy.Tests;

/// <summary>Services and EndpointSlices from the store, translated, served: traffic policies end to end.</summary>
public sealed class TranslatedServiceTests
{
    [Fact]
    public async Task ExternalTrafficPolicyLocal_NodePortOnlyToLocalEndpoints_ClusterIPToAll()
    {
        await using var local = new TcpBackend("local", "127.0.0.2");
        await using var remote = new TcpBackend("remote", "127.0.0.3");
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        var (node, nodePort) = TestNet.NewFrontend(ProtocolType.Tcp);
        var snapshot = Translate(
            new TranslatorOptions { NodeName = "node-a", NodeAddress = node },
            Service(vip, port, nodePort, externalLocal: true, internalLocal: false),
            Slice("web-a", local, "node-a"),
            Slice("web-b", remote, "node-b"));
        await using var proxy = ProxyHarness.Create();

        var bindings = await proxy.ApplyAsync(snapshot);

        Assert.Equal(["ClusterIP:2", "NodePort:1"], bindings.Select(b => $"{b.Kind}:{b.Endpoints}"));
        Assert.Equal(["local"], await ServedByAsync(node, nodePort, 4));
        Assert.Equal(["local", "remote"], await ServedByAsync(vip, port, 4));
    }

    [Fact]
    public async Task InternalTrafficPolicyLocal_NoLocalEndpoint_ClusterIPRefusesNodePortServes()
    {
        await using var remote = new TcpBackend("remote", "127.0.0.3");
        var (vip, port) = TestNet.NewFrontend(ProtocolType.Tcp);
        var (node, nodePort) = TestNet.NewFrontend(ProtocolType.Tcp);
        var snapshot = Translate(
            new TranslatorOptions { NodeName = "node-a", NodeAddress = node },
            Service(vip, port, nodePort, externalLocal: false, internalLocal: true),
            Slice("web-b", remote, "node-b"));
        await using var proxy = ProxyHarness.Create();

        var bindings = await proxy.ApplyAsync(snapshot);

        Assert.Equal([FrontendBindingState.NoEndpoints, FrontendBindingState.Bound], bindings.Select(b => b.State));
        var refused = await Assert.ThrowsAsync<SocketException>(() => TestNet.ConnectAsync(vip, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal(["remote"], await ServedByAsync(node, nodePort, 2));
    }

    private static async Task<string[]> ServedByAsync(string address, int port, int connections)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < connections; i++)
        {
            var (socket, backend) = await TestNet.ConnectAsync(address, port);
            socket.Dispose();
            names.Add(backend);
        }

        return [.. names];
    }

    private static Ir.Snapshot Translate(TranslatorOptions options, params LoadedObject[] objects)
    {
        var store = new ResourceStore();
        store.ReplaceSource("test-controller", new LoadResult(objects, [], [], []));
        var result = new Translator(options, new FakeTimeProvider()).Translate(store.Current, 1);
        Assert.Empty(result.Snapshot.Validate());
        return result.Snapshot;
    }

    private static LoadedObject Service(string vip, int port, int nodePort, bool externalLocal, bool internalLocal)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "apps" },
            Spec = new V1ServiceSpec
            {
                Type = "NodePort",
                ClusterIP = vip,
                ClusterIPs = [vip],
                SessionAffinity = "None",
                ExternalTrafficPolicy = externalLocal ? "Local" : "Cluster",
                InternalTrafficPolicy = internalLocal ? "Local" : "Cluster",
                Ports = [new V1ServicePort { Name = "echo", Port = port, NodePort = nodePort, Protocol = "TCP", TargetPort = "echo" }],
            },
        };
        return new LoadedObject(KindRegistry.For<V1Service>(), new ResourceKey(string.Empty, "Service", "apps", "web"), service, new SourceLocation("test", 0));
    }

    // As the EndpointSlice controller writes it: one slice per backend (each listens on its own port).
    private static LoadedObject Slice(string name, TcpBackend backend, string nodeName)
    {
        var slice = new V1EndpointSlice
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "apps", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Name = "echo", Port = backend.EndPoint.Port, Protocol = "TCP" }],
            Endpoints = [new V1Endpoint { Addresses = [backend.EndPoint.Address.ToString()], NodeName = nodeName, Conditions = new V1EndpointConditions { Ready = true } }],
        };
        return new LoadedObject(KindRegistry.For<V1EndpointSlice>(), new ResourceKey("discovery.k8s.io", "EndpointSlice", "apps", name), slice, new SourceLocation("test", 0));
    }
}
