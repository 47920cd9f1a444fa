namespace Switchyard.Translation.Tests.ServiceProxy;

/// <summary>What the golden files cannot show: the warnings of the service proxy step.</summary>
public sealed class ServiceProxyTranslatorTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Service
        metadata: {name: a, namespace: apps}
        spec:
          clusterIP: 127.96.0.40
          ports:
          - {name: sctp, port: 9000, protocol: SCTP}
          - {name: tcp, port: 80}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b, namespace: apps}
        spec:
          clusterIP: 127.96.0.40
          ports:
          - {name: tcp, port: 80}
          - {name: udp, port: 80, protocol: UDP}
        """;

    [Fact]
    public void Translate_SctpPortAndTakenFrontend_WarnedAndSkipped()
    {
        var (_, _, result) = GoldenCase.Run(Manifests, new TranslatorOptions());

        Assert.Equal(
            [
                "Service apps/a: spec.ports[0].protocol: protocol SCTP is not proxied (TCP and UDP only)",
                "Service apps/b: spec.ports[0]: Tcp 127.96.0.40:80 (ClusterIP) is already served by another Service port; not proxied here",
            ],
            result.Warnings.Select(w => w.ToString()));
        Assert.Equal(
            ["service/apps/a/port/80:1", "service/apps/b/port/80:0", "service/apps/b/port/80/udp:1"],
            result.Snapshot.ServiceProxy.Select(r => r.Id + ":" + r.Frontends.Length));
        Assert.Empty(result.Snapshot.Validate());
    }
}
