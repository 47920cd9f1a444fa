using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Benchmarks.Gateway;

/// <summary>
/// Synthetic Gateway API manifests: one Gateway with one HTTP listener (routes from all namespaces) and N HTTPRoutes
/// spread over 10 namespaces, each with 10 Services of 3 endpoints. Two shapes:
/// <list type="bullet">
/// <item><c>ByHost</c>: 100 hostnames × (N/100) path prefixes; every 10th route also matches a header, every 7th adds a
/// request header filter, every 13th splits 90/10 between two Services (a typical multi-tenant gateway).</item>
/// <item><c>ByPath</c>: N prefixes on any host, plus one regex route that every lookup must test.</item>
/// </list>
/// </summary>
internal static class BenchRoutes
{
    private const int Namespaces = 10;
    private const int ServicesPerNamespace = 10;

    public static string Manifests(int routes, bool byHost)
    {
        var sb = new StringBuilder();
        sb.Append("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: switchyard}
            spec: {controllerName: switchyard.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: bench, namespace: infra}
            spec:
              gatewayClassName: switchyard
              listeners:
              - name: http
                protocol: HTTP
                port: 8080
                allowedRoutes:
                  namespaces: {from: All}
            ---

            """);
        for (var n = 0; n < Namespaces; n++)
        {
            for (var s = 0; s < ServicesPerNamespace; s++)
            {
                sb.Append(CultureInfo.InvariantCulture, $$"""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc-{{s}}, namespace: ns-{{n}}}
                    spec:
                      ports: [{name: http, port: 80}]
                    ---
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata:
                      name: svc-{{s}}-1
                      namespace: ns-{{n}}
                      labels: {kubernetes.io/service-name: svc-{{s}}}
                    addressType: IPv4
                    ports: [{name: http, port: 8080}]
                    endpoints:
                    - addresses: ["192.0.2.{{(n * ServicesPerNamespace) + s + 1}}"]
                    - addresses: ["198.51.100.{{(n * ServicesPerNamespace) + s + 1}}"]
                    - addresses: ["203.0.113.{{(n * ServicesPerNamespace) + s + 1}}"]
                    ---

                    """);
            }
        }

        if (!byHost)
        {
            sb.Append("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: regex, namespace: ns-0}
                spec:
                  parentRefs: [{name: bench, namespace: infra}]
                  rules:
                  - matches:
                    - path: {type: RegularExpression, value: "/static/[a-z]+\\.(css|js)"}
                    backendRefs: [{name: svc-0, port: 80}]
                ---

                """);
        }

        for (var i = 0; i < routes; i++)
        {
            var ns = "ns-" + (i % Namespaces).ToString(CultureInfo.InvariantCulture);
            var service = "svc-" + (i / Namespaces % ServicesPerNamespace).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $$"""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r{{i}}, namespace: {{ns}}}
                spec:
                  parentRefs: [{name: bench, namespace: infra}]

                """);
            if (byHost)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  hostnames: [svc{i % 100}.example.com]\n");
                sb.Append(CultureInfo.InvariantCulture, $"  rules:\n  - matches:\n    - path: {{type: PathPrefix, value: /api/v{i / 100}/items}}\n");
                if (i % 10 == 0)
                {
                    sb.Append("      headers: [{name: x-tenant, value: gold}]\n");
                }

                if (i % 7 == 0)
                {
                    sb.Append("    filters:\n    - type: RequestHeaderModifier\n      requestHeaderModifier: {set: [{name: x-route, value: bench}]}\n");
                }

                sb.Append(i % 13 == 0
                    ? $"    backendRefs: [{{name: {service}, port: 80, weight: 90}}, {{name: svc-{(i + 1) % ServicesPerNamespace}, port: 80, weight: 10}}]\n"
                    : $"    backendRefs: [{{name: {service}, port: 80}}]\n");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"  rules:\n  - matches:\n    - path: {{type: PathPrefix, value: /p{i}}}\n    backendRefs: [{{name: {service}, port: 80}}]\n");
            }

            sb.Append("---\n");
        }

        return sb.ToString();
    }

    /// <summary>Loads the manifests into a store, as serve does, and returns its snapshot.</summary>
    public static StoreSnapshot Store(string manifests)
    {
        var load = ManifestLoader.LoadString("bench.yaml", manifests, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        if (load.Errors.Count > 0)
        {
            throw new InvalidOperationException("bench manifests refused: " + load.Errors[0]);
        }

        var store = new ResourceStore();
        store.ReplaceAll(load);
        return store.Current;
    }

    public static Translator Translator() => new(new TranslatorOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
}
