using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.Tests.GatewayApi;

public sealed class GatewayApiTranslatorTests
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
          name: web
          namespace: apps
        spec:
          gatewayClassName: switchyard
          listeners:
          - name: http
            port: 8080
            protocol: HTTP
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: web
          namespace: apps
        spec:
          parentRefs:
          - name: web
          rules:
          - backendRefs:
            - name: web
              port: 80
        """;

    private const string Service = """
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: apps
        spec:
          ports:
          - port: 80
        """;

    [Fact]
    public void Translate_ConditionUnchanged_KeepsPreviousTransitionTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var translator = new Translator(new TranslatorOptions(), time);
        var store = new ResourceStore();
        store.ReplaceAll(ManifestLoader.LoadString("input.yaml", Manifests, time.GetUtcNow().UtcDateTime));
        var first = translator.Translate(store.Current, 1);

        time.Advance(TimeSpan.FromHours(1));
        store.ReplaceAll(ManifestLoader.LoadString("input.yaml", Manifests + "\n" + Service, time.GetUtcNow().UtcDateTime));
        var second = translator.Translate(store.Current, 2, first);

        var before = Conditions(first, "web");
        var after = Conditions(second, "web");
        Assert.Equal("False", before.Single(c => c.Type == "ResolvedRefs").Status);
        Assert.Equal("True", after.Single(c => c.Type == "ResolvedRefs").Status);
        Assert.Equal(time.GetUtcNow().UtcDateTime, after.Single(c => c.Type == "ResolvedRefs").LastTransitionTime);
        Assert.Equal(before.Single(c => c.Type == "Accepted").LastTransitionTime, after.Single(c => c.Type == "Accepted").LastTransitionTime);
        Assert.NotEqual(time.GetUtcNow().UtcDateTime, after.Single(c => c.Type == "Accepted").LastTransitionTime);

        var gateway = (GatewayStatus)second.Status[new ResourceKey(GatewayApiGroup.Name, "Gateway", "apps", "web")];
        Assert.All(gateway.Conditions!, c => Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), c.LastTransitionTime));
    }

    private static List<V1Condition> Conditions(TranslationResult result, string route) =>
        ((RouteStatus)result.Status[new ResourceKey(GatewayApiGroup.Name, "HTTPRoute", "apps", route)]).Parents.Single().Conditions;
}
