using Switchyard.Cli.Serving;
using Switchyard.Status;
using Switchyard.Translation;

namespace Switchyard.Cli.Tests.Status;

/// <summary>
/// Manifests written to a temporary folder, loaded and translated as <c>status</c> does, and printed in one of its
/// output formats; disposing deletes the folder.
/// </summary>
internal sealed class StatusRun : IDisposable
{
    /// <summary>
    /// The GatewayClass Switchyard owns and Gateway <c>apps/web</c> up to its listener <c>http</c> on 8080 (no newline
    /// after it): a test appends further listeners, then its own documents.
    /// </summary>
    public const string GatewayHead = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: switchyard}
        spec: {controllerName: switchyard.dev/gateway-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: web, namespace: apps}
        spec:
          gatewayClassName: switchyard
          listeners:
          - {name: http, port: 8080, protocol: HTTP}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("switchyard-status-").FullName;

    /// <summary><paramref name="manifests"/> as <c>status -o <paramref name="output"/></c> prints them; they must load without errors.</summary>
    public string Format(string manifests, string output)
    {
        var path = Path.Combine(_dir, "input.yaml");
        File.WriteAllText(path, manifests);
        var pipeline = new ConfigPipeline([path], new TranslatorOptions(), TimeProvider.System);
        var outcome = pipeline.Reload();
        Assert.Empty(outcome.Load.Errors);
        return StatusPrinter.Format(pipeline.CurrentStore, pipeline.Current, output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
