using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Switchyard.Resources.Admission;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;
using Switchyard.Resources.Validation;

namespace Switchyard.Resources.Loading;

/// <summary>
/// Reads manifests and does what the API server does on create: decode, default, validate, admit.
/// Each refused object becomes a <see cref="LoadError"/>; the other objects still load.
/// </summary>
public sealed class ManifestLoader
{
    private readonly TextReader _stdin;

    public ManifestLoader(TextReader? stdin = null) => _stdin = stdin ?? Console.In;

    /// <summary>Loads files and directories (and <c>-</c> for stdin).</summary>
    /// <param name="paths">The <c>-f</c> arguments.</param>
    /// <param name="now">The instant given to objects without a creationTimestamp (one per batch).</param>
    /// <param name="existingCreation">creationTimestamp of objects already in the store, kept across reloads.</param>
    public LoadResult Load(IEnumerable<string> paths, DateTime now, Func<ResourceKey, DateTime?>? existingCreation = null)
    {
        var missing = new List<string>();
        var files = ManifestFiles.Expand(paths, missing);
        var batch = new Batch();
        foreach (var path in missing)
        {
            batch.Errors.Add(new LoadError(new SourceLocation(path, 0), null, null, "no such file or directory"));
        }

        foreach (var file in files)
        {
            string text;
            try
            {
                text = file == ManifestFiles.Stdin ? _stdin.ReadToEnd() : File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                batch.Errors.Add(new LoadError(new SourceLocation(file, 0), null, null, "cannot read: " + ex.Message));
                continue;
            }

            LoadText(file == ManifestFiles.Stdin ? "<stdin>" : file, text, batch);
        }

        return Finish(batch, files, now, existingCreation);
    }

    /// <summary>Loads manifests from a string (tests, stdin); <paramref name="file"/> names it in errors.</summary>
    public static LoadResult LoadString(string file, string text, DateTime now, Func<ResourceKey, DateTime?>? existingCreation = null)
    {
        var batch = new Batch();
        LoadText(file, text, batch);
        return Finish(batch, [file], now, existingCreation);
    }

    private static void LoadText(string file, string text, Batch batch)
    {
        var (documents, syntaxErrors) = YamlDocumentReader.Read(file, text);
        foreach (var error in syntaxErrors)
        {
            batch.Errors.Add(new LoadError(error.Location, null, null, error.Message));
        }

        foreach (var document in documents)
        {
            LoadDocument(document.Root, document.Map, batch);
        }
    }

    private static void LoadDocument(JsonNode? root, SourceMap map, Batch batch)
    {
        var at = new SourceLocation(map.File, map.DocumentLine);
        if (root is null)
        {
            return;
        }

        if (root is not JsonObject obj)
        {
            batch.Errors.Add(new LoadError(at, null, null, "a manifest document must be an object with apiVersion and kind"));
            return;
        }

        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            var field = string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind";
            batch.Errors.Add(new LoadError(new SourceLocation(map.File, map.LineOf(field)), null, field, "Required value: every object needs apiVersion and kind"));
            return;
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && apiVersion == "v1")
        {
            if (obj["items"] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var prefix = "items[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    LoadDocument(items[i], map.Sub(prefix), batch);
                }
            }

            return;
        }

        var info = KindRegistry.Find(apiVersion, kind);
        if (info is null)
        {
            var known = KindRegistry.All.FirstOrDefault(k => k.Kind == kind && apiVersion.StartsWith(k.Group.Length == 0 ? apiVersion : k.Group + "/", StringComparison.Ordinal));
            var message = known is null
                ? $"skipped {kind} ({apiVersion}): kind not read by Switchyard"
                : $"skipped {kind} ({apiVersion}): version not supported, use {string.Join(" or ", known.Versions.Select(v => known.Group.Length == 0 ? v : known.Group + "/" + v))}";
            batch.Warnings.Add(new LoadWarning(at, message));
            return;
        }

        var metadata = obj["metadata"] as JsonObject;
        var name = metadata is null ? null : StringField(metadata, "name");
        var ns = metadata is null ? null : StringField(metadata, "namespace");
        if (info.Namespaced && string.IsNullOrEmpty(ns))
        {
            ns = "default";
        }
        else if (!info.Namespaced)
        {
            // The API server ignores a namespace on cluster-scoped objects; so do we.
            metadata?.Remove("namespace");
            ns = string.Empty;
        }

        var key = new ResourceKey(info.Group, info.Kind, ns!, name ?? string.Empty);
        if (string.IsNullOrEmpty(name))
        {
            batch.Errors.Add(new LoadError(new SourceLocation(map.File, map.LineOf("metadata.name")), null, "metadata.name", $"Required value: {kind} needs a name"));
            return;
        }

        IKubernetesObject<V1ObjectMeta> typed;
        try
        {
            typed = info.Deserialize(obj.ToJsonString());
        }
        catch (JsonException ex)
        {
            var field = JsonPathToField(ex.Path);
            batch.Errors.Add(new LoadError(new SourceLocation(map.File, map.LineOf(field)), key, field, DescribeTypeError(ex)));
            return;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            batch.Errors.Add(new LoadError(at, key, null, "invalid object: " + ex.Message));
            return;
        }

        typed.Metadata ??= new V1ObjectMeta();
        typed.Metadata.Name = name;
        typed.Metadata.NamespaceProperty = info.Namespaced ? ns : null;

        // Defaults and validation follow the schema of the version the object was written in (TLSRoute v1alpha2 is
        // looser than v1); the store keeps every object in its stored version.
        typed.ApiVersion = apiVersion;
        var ctx = new ValidationContext();
        info.Default?.Invoke(typed);
        info.Validate?.Invoke(typed, ctx);
        typed.ApiVersion = info.StoredApiVersion;
        if (ctx.HasErrors)
        {
            foreach (var error in ctx.Errors)
            {
                batch.Errors.Add(new LoadError(new SourceLocation(map.File, map.LineOf(error.Path)), key, error.Path, error.Message));
            }

            return;
        }

        batch.Objects.Add(new LoadedObject(info, key, typed, at));
    }

    private static LoadResult Finish(Batch batch, IReadOnlyList<string> files, DateTime now, Func<ResourceKey, DateTime?>? existingCreation)
    {
        var accepted = new List<LoadedObject>();
        var seen = new Dictionary<ResourceKey, LoadedObject>();
        foreach (var loaded in batch.Objects)
        {
            if (seen.TryGetValue(loaded.Key, out var first))
            {
                batch.Errors.Add(new LoadError(loaded.Location, loaded.Key, "metadata.name", $"Duplicate value: already defined at {first.Location}"));
                continue;
            }

            seen.Add(loaded.Key, loaded);
            accepted.Add(loaded);
        }

        foreach (var loaded in accepted)
        {
            var meta = loaded.Object.Metadata;
            if (meta.CreationTimestamp is null)
            {
                meta.CreationTimestamp = existingCreation?.Invoke(loaded.Key) ?? now;
            }
        }

        var admitted = ObjectAdmission.Admit(accepted, batch.Errors);
        admitted = ObjectAdmission.AddImplicitNamespaces(admitted, now, existingCreation);
        var errors = batch.Errors
            .OrderBy(e => e.Location.File, StringComparer.Ordinal)
            .ThenBy(e => e.Location.Line)
            .ToList();
        return new LoadResult(admitted, errors, batch.Warnings, files);
    }

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Turns System.Text.Json's <c>$.spec.ports[0].port</c> into the API's <c>spec.ports[0].port</c>.</summary>
    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return string.Empty;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // Quoted segments ($['a.b']) appear for keys with dots, e.g. annotations.
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
    }

    private static string DescribeTypeError(JsonException ex)
    {
        const string Marker = "could not be converted to ";
        var message = ex.Message;
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "invalid value: " + message.Split(" Path:", 2)[0];
        }

        var type = message[(at + Marker.Length)..].Split('.', ' ')[0..];
        var clr = string.Join('.', type.TakeWhile(t => t.Length > 0 && !t.StartsWith("Path", StringComparison.Ordinal))).TrimEnd('.');
        return "Invalid type: expected " + ApiTypeName(clr);
    }

    private static string ApiTypeName(string clr)
    {
        if (clr.Contains("Int32", StringComparison.Ordinal) || clr.Contains("Int64", StringComparison.Ordinal))
        {
            return "integer";
        }

        if (clr.Contains("Boolean", StringComparison.Ordinal))
        {
            return "boolean";
        }

        if (clr.Contains("Double", StringComparison.Ordinal))
        {
            return "number";
        }

        if (clr.Contains("String", StringComparison.Ordinal) && !clr.Contains("IDictionary", StringComparison.Ordinal) && !clr.Contains("List", StringComparison.Ordinal))
        {
            return "string";
        }

        if (clr.Contains("IntOrString", StringComparison.Ordinal))
        {
            return "integer or string";
        }

        if (clr.Contains("List", StringComparison.Ordinal))
        {
            return "array";
        }

        return "object";
    }

    private sealed class Batch
    {
        public List<LoadedObject> Objects { get; } = [];

        public List<LoadError> Errors { get; } = [];

        public List<LoadWarning> Warnings { get; } = [];
    }
}
