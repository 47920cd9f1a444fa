using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.GatewayApi;

namespace Switchyard.Translation.Tests.GatewayApi;

public sealed class GatewayStatusOverlayTests
{
    private const string Manifests = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: switchyard
        spec:
          controllerName: switchyard.dev/gateway-controller
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: one
          namespace: apps
        spec:
          gatewayClassName: switchyard
          listeners:
          - name: http
            port: 8080
            protocol: HTTP
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: two
          namespace: apps
        spec:
          gatewayClassName: switchyard
          listeners:
          - name: shared
            port: 8080
            protocol: HTTP
            hostname: two.example.com
          - name: own
            port: 8081
            protocol: HTTP
        """;

    private static readonly DateTime Later = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WithBindFailures_SharedSocketFails_EveryOwnerListenerNotAcceptedAndNotProgrammed()
    {
        var (_, _, result) = GoldenCase.Run(Manifests, new TranslatorOptions());

        var overlaid = GatewayStatusOverlay.WithBindFailures(result, [("0.0.0.0:8080", "Address already in use")], Later);

        var one = Gateway(overlaid, "one");
        var listener = one.Listeners!.Single();
        var accepted = listener.Conditions.Single(c => c.Type == "Accepted");
        Assert.Equal(("False", "PortUnavailable"), (accepted.Status, accepted.Reason));
        Assert.Contains("cannot bind 0.0.0.0:8080: Address already in use", accepted.Message, StringComparison.Ordinal);
        Assert.Equal(Later, accepted.LastTransitionTime);
        var programmed = listener.Conditions.Single(c => c.Type == "Programmed");
        Assert.Equal(("False", "Pending"), (programmed.Status, programmed.Reason));
        Assert.Equal(("False", "ListenersNotValid"), Condition(one, "Accepted"));
        Assert.Equal(("False", "AddressNotUsable"), Condition(one, "Programmed"));

        // Gateway two still serves its other listener: accepted with ListenersNotValid, still programmed.
        var two = Gateway(overlaid, "two");
        Assert.Equal(("False", "PortUnavailable"), ListenerCondition(two, "shared", "Accepted"));
        Assert.Equal(("True", "Accepted"), ListenerCondition(two, "own", "Accepted"));
        Assert.Equal(("True", "ListenersNotValid"), Condition(two, "Accepted"));
        Assert.Equal(("True", "Programmed"), Condition(two, "Programmed"));
        Assert.Equal(GoldenCase.Epoch, two.Conditions!.Single(c => c.Type == "Programmed").LastTransitionTime);

        // The input is left as it was.
        Assert.Equal(("True", "Accepted"), Condition(Gateway(result, "one"), "Accepted"));
    }

    [Fact]
    public void WithBindFailures_TlsSocketFails_ItsTlsListenerNotAccepted()
    {
        const string Tls = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: tls
              namespace: apps
            spec:
              gatewayClassName: switchyard
              listeners:
              - name: passthrough
                port: 8443
                protocol: TLS
                tls:
                  mode: Passthrough
              - name: http
                port: 8082
                protocol: HTTP
            """;
        var (_, _, result) = GoldenCase.Run(Manifests + "\n" + Tls, new TranslatorOptions());
        Assert.Equal("0.0.0.0:8443", Assert.Single(result.Snapshot.TlsListeners).Id);

        var overlaid = GatewayStatusOverlay.WithBindFailures(result, [("0.0.0.0:8443", "Address already in use")], Later);

        var tls = Gateway(overlaid, "tls");
        Assert.Equal(("False", "PortUnavailable"), ListenerCondition(tls, "passthrough", "Accepted"));
        Assert.Equal(("False", "Pending"), ListenerCondition(tls, "passthrough", "Programmed"));
        Assert.Equal(("True", "Accepted"), ListenerCondition(tls, "http", "Accepted"));
        Assert.Equal(("True", "ListenersNotValid"), Condition(tls, "Accepted"));
    }

    [Fact]
    public void WithBindFailures_UnknownListener_SameResult()
    {
        var (_, _, result) = GoldenCase.Run(Manifests, new TranslatorOptions());
        Assert.Same(result, GatewayStatusOverlay.WithBindFailures(result, [("192.0.2.1:1", "nope")], Later));
    }

    [Fact]
    public void WithBindFailures_ListenerSetSocketFails_ItsListenerPortUnavailableAndSetNotProgrammed()
    {
        var (_, _, result) = GoldenCase.Run("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: switchyard}
            spec: {controllerName: switchyard.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: shared, namespace: infra}
            spec:
              gatewayClassName: switchyard
              allowedListeners: {namespaces: {from: All}}
              listeners:
              - {name: http, port: 8080, protocol: HTTP}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata: {name: extra, namespace: team}
            spec:
              parentRef: {name: shared, namespace: infra}
              listeners:
              - {name: http, port: 9090, protocol: HTTP}
            """, new TranslatorOptions());

        var overlaid = GatewayStatusOverlay.WithBindFailures(result, [("0.0.0.0:9090", "Address already in use")], Later);

        var set = (ListenerSetStatus)overlaid.Status[new ResourceKey(GatewayApiGroup.Name, ListenerSet.KindName, "team", "extra")];
        var listener = Assert.Single(set.Listeners!);
        var accepted = listener.Conditions.Single(c => c.Type == "Accepted");
        Assert.Equal(("False", "PortUnavailable"), (accepted.Status, accepted.Reason));
        Assert.Contains("cannot bind 0.0.0.0:9090: Address already in use", accepted.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "ListenersNotValid"), (set.Conditions!.Single(c => c.Type == "Accepted").Status, set.Conditions!.Single(c => c.Type == "Accepted").Reason));
        Assert.Equal("False", set.Conditions!.Single(c => c.Type == "Programmed").Status);

        // The Gateway's own listener is another socket: untouched.
        var gateway = (GatewayStatus)overlaid.Status[new ResourceKey(GatewayApiGroup.Name, "Gateway", "infra", "shared")];
        Assert.Equal(("True", "Programmed"), Condition(gateway, "Programmed"));
    }

    private static GatewayStatus Gateway(TranslationResult result, string name) =>
        (GatewayStatus)result.Status[new ResourceKey(GatewayApiGroup.Name, "Gateway", "apps", name)];

    private static (string, string) Condition(GatewayStatus status, string type)
    {
        var condition = status.Conditions!.Single(c => c.Type == type);
        return (condition.Status, condition.Reason);
    }

    private static (string, string) ListenerCondition(GatewayStatus status, string listener, string type)
    {
        var condition = status.Listeners!.Single(l => l.Name == listener).Conditions.Single(c => c.Type == type);
        return (condition.Status, condition.Reason);
    }
}
