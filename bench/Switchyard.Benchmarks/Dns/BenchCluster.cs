using System.Globalization;
using System.Text;

namespace Switchyard.Benchmarks.Dns;

/// <summary>
/// A synthetic cluster for DNS benchmarks (at most 500 Services and 50 headless Services of 5 endpoints, so every
/// address fits the documentation ranges): ClusterIP Services (dual-stack, two named ports), headless Services with
/// endpoints, and Pods, spread over namespaces; plus a query mix of A, AAAA, SRV and NXDOMAIN names.
/// </summary>
internal static class BenchCluster
{
    public static string Manifests(int services = 500, int headless = 50, int endpointsPerHeadless = 5, int namespaces = 10)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < services; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $$"""
                apiVersion: v1
                kind: Service
                metadata: {name: svc-{{i}}, namespace: ns-{{i % namespaces}}}
                spec:
                  clusterIP: {{V4(i)}}
                  clusterIPs: [{{V4(i)}}, "2001:db8::{{i:x}}"]
                  ipFamilyPolicy: RequireDualStack
                  ports:
                  - {name: http, port: 80}
                  - {name: grpc, port: 9090}
                ---

                """);
        }

        for (var h = 0; h < headless; h++)
        {
            sb.Append(CultureInfo.InvariantCulture, $$"""
                apiVersion: v1
                kind: Service
                metadata: {name: db-{{h}}, namespace: ns-{{h % namespaces}}}
                spec:
                  clusterIP: None
                  ports:
                  - {name: pg, port: 5432}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: db-{{h}}-1
                  namespace: ns-{{h % namespaces}}
                  labels: {kubernetes.io/service-name: db-{{h}}}
                addressType: IPv4
                ports:
                - {name: pg, port: 5432, protocol: TCP}
                endpoints:

                """);
            for (var e = 0; e < endpointsPerHeadless; e++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- {{addresses: [{Endpoint(h, e)}], hostname: db-{h}-{e}}}\n");
            }

            sb.Append("---\n");
        }

        return sb.ToString();
    }

    /// <summary>dnsperf query lines ("name TYPE"): A, AAAA, SRV, headless A, and NXDOMAIN names in equal shares.</summary>
    public static IEnumerable<string> Queries(int count = 10_000, int services = 500, int headless = 50, int namespaces = 10)
    {
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var s = random.Next(services);
            var h = random.Next(headless);
            yield return (i % 5) switch
            {
                0 => $"svc-{s}.ns-{s % namespaces}.svc.cluster.local A",
                1 => $"svc-{s}.ns-{s % namespaces}.svc.cluster.local AAAA",
                2 => $"_http._tcp.svc-{s}.ns-{s % namespaces}.svc.cluster.local SRV",
                3 => $"db-{h}.ns-{h % namespaces}.svc.cluster.local A",
                _ => $"missing-{s}.ns-{s % namespaces}.svc.cluster.local A",
            };
        }
    }

    // Documentation ranges only: Services in 192.0.2.0/24 and 198.51.100.0/24, endpoints in 203.0.113.0/24.
    private static string V4(int i) => i < 250
        ? string.Create(CultureInfo.InvariantCulture, $"192.0.2.{i + 1}")
        : string.Create(CultureInfo.InvariantCulture, $"198.51.100.{i - 249}");

    private static string Endpoint(int h, int e) => string.Create(CultureInfo.InvariantCulture, $"203.0.113.{(h * 5) + e + 1}");
}
