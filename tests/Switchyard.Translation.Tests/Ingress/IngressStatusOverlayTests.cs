using k8s.Models;
using Switchyard.Resources.Store;
using Switchyard.Translation.Ingress;

namespace Switchyard.Translation.Tests.Ingress;

public sealed class IngressStatusOverlayTests
{
    private const string Manifests = """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: switchyard
          annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
        spec:
          controller: switchyard.dev/ingress-controller
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: apps}
        spec:
          defaultBackend: {service: {name: web, port: {number: 80}}}
        """;

    [Fact]
    public void WithBindFailures_IngressSocket_PortMarkedUnavailable()
    {
        var (_, _, result) = GoldenCase.Run(Manifests, new TranslatorOptions());

        var overlaid = IngressStatusOverlay.WithBindFailures(result, [("0.0.0.0:8080", "address already in use")]);

        var status = (V1IngressStatus)overlaid.Status[new ResourceKey("networking.k8s.io", "Ingress", "apps", "web")];
        var port = Assert.Single(Assert.Single(status.LoadBalancer.Ingress).Ports);
        Assert.Equal(8080, port.Port);
        Assert.Equal(IngressStatusOverlay.PortUnavailable, port.Error);
        Assert.Null(((V1IngressStatus)result.Status[new ResourceKey("networking.k8s.io", "Ingress", "apps", "web")]).LoadBalancer.Ingress[0].Ports[0].Error);
    }

    [Fact]
    public void WithBindFailures_OtherSocket_ResultUnchanged()
    {
        var (_, _, result) = GoldenCase.Run(Manifests, new TranslatorOptions());

        Assert.Same(result, IngressStatusOverlay.WithBindFailures(result, [("0.0.0.0:9999", "nope")]));
    }
}
