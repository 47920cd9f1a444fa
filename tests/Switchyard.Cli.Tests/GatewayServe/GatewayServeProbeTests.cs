using System.Net;
using System.Net.Sockets;
using static Switchyard.Cli.Tests.GatewayServe.Manifests;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// <c>serve --probe</c>: a readinessProbe flip is written to the store for that Pod only; traffic follows readiness
/// while the manifest files are not read again (an edit on disk, with watching off, is not picked up by a flip).
/// </summary>
public sealed class GatewayServeProbeTests
{
    [Fact]
    public async Task Serve_ProbeFlip_TrafficFollowsReadinessWithoutReadingFiles()
    {
        var podIp = Loopback.Next();
        await using var pod = await Switchyard.Gateway.Echo.EchoServer.StartAsync(new IPEndPoint(podIp, 0), "pod");
        var probePort = Loopback.FreePort(podIp);
        var health = new TcpListener(podIp, probePort);
        health.Start();
        try
        {
            var address = Loopback.Next();
            var port = Loopback.FreePort(address);
            string Manifest(string extra) => Join(
                GatewayClass(),
                HttpGateway("apps", "web", address, port),
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: apps}
                spec:
                  parentRefs: [{name: web}]
                  rules:
                  - backendRefs: [{name: web, port: 80}]
                """,
                $$"""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: apps}
                spec:
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: {{pod.EndPoint.Port}}}]
                """,
                $$$"""
                apiVersion: v1
                kind: Pod
                metadata: {name: web-0, namespace: apps, labels: {app: web}}
                spec:
                  containers:
                  - name: app
                    image: registry.example/app:1
                    ports: [{containerPort: {{{pod.EndPoint.Port}}}}]
                    readinessProbe:
                      tcpSocket: {port: {{{probePort}}}}
                      periodSeconds: 1
                      failureThreshold: 1
                      successThreshold: 1
                status:
                  phase: Running
                  podIP: {{{podIp}}}
                  podIPs: [{ip: {{{podIp}}}}]
                  conditions: [{type: Ready, status: "True"}]
                """) + extra;
            await using var host = await ServeHost.StartAsync(address, Manifest(string.Empty), watch: false, probe: true);
            var url = $"http://web.test:{port}/";
            await Poll.UntilAsync(async () => await host.StatusCodeAsync(url) == HttpStatusCode.OK, "the probed Pod to serve");
            Assert.Equal("pod", (await host.EchoAsync(url)).Backend);

            // An edit on disk that only a file reload would pick up.
            await host.WriteAsync("manifests.yaml", Manifest("""
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: on-disk-only, namespace: apps}
                data: {a: b}
                """));

            // Probe fails: the endpoint leaves, the gateway answers 503; the files were not read for it.
            health.Stop();
            await Poll.UntilAsync(async () => await host.StatusCodeAsync(url) == HttpStatusCode.ServiceUnavailable, "the Pod to become not ready");
            Assert.Null(await host.StatusOfAsync("ConfigMap", "apps", "on-disk-only"));
            var podStatus = (await host.StatusOfAsync("Pod", "apps", "web-0"))!;
            Assert.Contains(podStatus["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "False");

            // Probe succeeds again: traffic is back, still without the on-disk edit.
            health = new TcpListener(podIp, probePort);
            health.Start();
            await Poll.UntilAsync(async () => await host.StatusCodeAsync(url) == HttpStatusCode.OK, "the Pod to be ready again");
            Assert.Equal("pod", (await host.EchoAsync(url)).Backend);
            Assert.Null(await host.StatusOfAsync("ConfigMap", "apps", "on-disk-only"));
        }
        finally
        {
            health.Stop();
        }
    }
}
