using k8s.Models;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.Resources.Tests.Loading;

public sealed class ManifestLoaderTests
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void LoadString_SyntaxErrorInOneDocument_OtherDocumentsLoad()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: first
            spec:
              ports: [{port: 80}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: [broken
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: third
            spec:
              ports: [{port: 81}]
            """;
        var result = ManifestLoader.LoadString("svc.yaml", Yaml, Now);

        Assert.Equal(["first", "third"], result.Objects.Where(o => o.Object is V1Service).Select(o => o.Key.Name));
        var error = Assert.Single(result.Errors);
        Assert.Equal("svc.yaml", error.Location.File);
        Assert.InRange(error.Location.Line, 10, 11);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_WrongFieldType_ReportsFieldAndLine()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: apps
            spec:
              ports:
              - name: http
                port: eighty
            """;
        var result = ManifestLoader.LoadString("web.yaml", Yaml, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("web.yaml:9: Service apps/web: spec.ports[0].port: Invalid type: expected integer", error.ToString());
        Assert.DoesNotContain(result.Objects, o => o.Object is V1Service);
    }

    [Fact]
    public void LoadString_TlsRouteV1Alpha2_ValidatedByItsOwnSchemaAndStoredAsV1()
    {
        // v1alpha2 allows several rules and no hostnames; v1 requires hostnames and exactly one rule.
        const string Yaml = """
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TLSRoute
            metadata: {name: old, namespace: apps}
            spec:
              rules:
              - backendRefs: [{name: a, port: 443}]
              - backendRefs: [{name: b, port: 443}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: TLSRoute
            metadata: {name: new, namespace: apps}
            spec:
              rules:
              - backendRefs: [{name: a, port: 443}]
              - backendRefs: [{name: b, port: 443}]
            """;
        var result = ManifestLoader.LoadString("tls.yaml", Yaml, Now);

        var loaded = Assert.Single(result.Objects, o => o.Object is Switchyard.Resources.Model.GatewayApi.TlsRoute);
        Assert.Equal("old", loaded.Key.Name);
        Assert.Equal("gateway.networking.k8s.io/v1", ((Switchyard.Resources.Model.GatewayApi.TlsRoute)loaded.Object).ApiVersion);
        Assert.Equal(
            ["tls.yaml:12: TLSRoute apps/new: spec.hostnames: Required value", "tls.yaml:13: TLSRoute apps/new: spec.rules: Too many: 2: must have at most 1 item"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void LoadString_UnknownKind_SkippedWithWarningNamingFileAndKind()
    {
        const string Yaml = """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            """;
        var result = ManifestLoader.LoadString("w.yaml", Yaml, Now);

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("w.yaml:1: skipped Widget (example.com/v1): kind not read by Switchyard", warning.ToString());
    }

    [Fact]
    public void LoadString_KindList_LoadsItemsWithTheirLines()
    {
        const string Yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata:
                name: a
              spec:
                ports: [{port: 80}]
            - apiVersion: v1
              kind: Service
              metadata:
                name: b
              spec:
                ports: [{port: "x"}]
            """;
        var result = ManifestLoader.LoadString("list.yaml", Yaml, Now);

        Assert.Contains(result.Objects, o => o.Key.Name == "a");
        var error = Assert.Single(result.Errors);
        Assert.Equal("list.yaml:15: Service default/b: spec.ports[0].port: Invalid type: expected integer", error.ToString());
    }

    [Fact]
    public void LoadString_JsonWithTabs_Loads()
    {
        const string Json = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Service\",\n\t\"metadata\": {\"name\": \"j\"},\n\t\"spec\": {\"ports\": [{\"port\": 80}]}\n}\n";
        var result = ManifestLoader.LoadString("svc.json", Json, Now);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Objects, o => o.Key == new ResourceKey(string.Empty, "Service", "default", "j"));
    }

    [Fact]
    public void LoadString_SameObjectTwice_SecondRefusedAsDuplicate()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: dup}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: dup}
            spec: {ports: [{port: 81}]}
            """;
        var result = ManifestLoader.LoadString("dup.yaml", Yaml, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("dup.yaml:6: Service default/dup: metadata.name: Duplicate value: already defined at dup.yaml:1", error.ToString());
        var service = (V1Service)Assert.Single(result.Objects, o => o.Object is V1Service).Object;
        Assert.Equal(80, service.Spec.Ports[0].Port);
    }

    [Fact]
    public void LoadString_NoNamespace_DefaultNamespaceAndImplicitNamespaceObject()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec: {ports: [{port: 80}]}
            """;
        var result = ManifestLoader.LoadString("s.yaml", Yaml, Now);

        var ns = (V1Namespace)Assert.Single(result.Objects, o => o.Object is V1Namespace).Object;
        Assert.Equal("default", ns.Metadata.Name);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "default" }, ns.Metadata.Labels);
        Assert.Equal("default", result.Objects.Single(o => o.Object is V1Service).Object.Metadata.NamespaceProperty);
    }

    [Fact]
    public void LoadString_MetadataKeptAsWritten_CreationTimestampOnlyWhenMissing()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: exported
              uid: 6f0c3c1e-0000-4000-8000-000000000001
              creationTimestamp: "2024-05-06T07:08:09Z"
              resourceVersion: "12345"
              generation: 7
              labels: {app: web}
              annotations: {note: kept}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: fresh}
            spec: {ports: [{port: 80}]}
            """;
        var result = ManifestLoader.LoadString("m.yaml", Yaml, Now);

        var exported = result.Objects.Single(o => o.Key.Name == "exported").Object.Metadata;
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), exported.CreationTimestamp);
        Assert.Equal("6f0c3c1e-0000-4000-8000-000000000001", exported.Uid);
        Assert.Equal("12345", exported.ResourceVersion);
        Assert.Equal(7, exported.Generation);
        Assert.Equal("kept", exported.Annotations["note"]);
        Assert.Equal(Now, result.Objects.Single(o => o.Key.Name == "fresh").Object.Metadata.CreationTimestamp);
    }

    [Fact]
    public void Load_DirectoryRecursiveAndStdin_ReadsAllManifests()
    {
        var dir = Directory.CreateTempSubdirectory("sy-load-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "nested"));
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "nested", "b.yml"), "apiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {ports: [{port: 80}]}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "nested", "c.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"c\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not a manifest");
            var stdin = new StringReader("apiVersion: v1\nkind: Service\nmetadata: {name: d}\nspec: {ports: [{port: 80}]}\n");

            var result = new ManifestLoader(stdin).Load([dir.FullName, "-"], Now);

            Assert.Empty(result.Errors);
            Assert.Equal(["a", "b", "c", "d"], result.Objects.Where(o => o.Object is V1Service).Select(o => o.Key.Name).Order(StringComparer.Ordinal));
            Assert.Equal(4, result.Files.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingPath_Error()
    {
        var result = new ManifestLoader(TextReader.Null).Load(["/nonexistent/switchyard.yaml"], Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/nonexistent/switchyard.yaml: no such file or directory", error.ToString());
    }
}
