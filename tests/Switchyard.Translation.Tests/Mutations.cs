using System.Text.Json.Nodes;
using Switchyard.Resources.Loading;

namespace Switchyard.Translation.Tests;

/// <summary>Manifest mutations for robustness tests: reordered documents, and one field dropped at a time.</summary>
internal static class Mutations
{
    public static string ShuffleDocuments(string yaml, int seed)
    {
        var (documents, _) = YamlDocumentReader.Read("input.yaml", yaml);
        var random = new Random(seed);
        var shuffled = documents.Select(d => d.Root!.ToJsonString()).OrderBy(_ => random.Next()).ToList();
        return string.Join("\n---\n", shuffled);
    }

    /// <summary>Yields the manifest once per leaf or object field, each time with that one field removed (bounded).</summary>
    public static IEnumerable<string> DropEachField(string yaml, int limit = 200)
    {
        var (documents, _) = YamlDocumentReader.Read("input.yaml", yaml);
        var roots = documents.Select(d => d.Root!.ToJsonString()).ToList();
        var count = 0;
        for (var doc = 0; doc < roots.Count; doc++)
        {
            var paths = new List<string>();
            Collect(JsonNode.Parse(roots[doc])!, string.Empty, paths);
            foreach (var path in paths)
            {
                if (count++ >= limit)
                {
                    yield break;
                }

                var copy = roots.ToList();
                var node = JsonNode.Parse(copy[doc])!;
                Remove(node, path);
                copy[doc] = node.ToJsonString();
                yield return string.Join("\n---\n", copy);
            }
        }
    }

    private static void Collect(JsonNode node, string path, List<string> paths)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                var childPath = path + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                if (path.Length > 0 || key is not ("apiVersion" or "kind"))
                {
                    paths.Add(childPath);
                }

                if (child is not null)
                {
                    Collect(child, childPath, paths);
                }
            }
        }
        else if (node is JsonArray arr)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                var childPath = path + "/" + i;
                paths.Add(childPath);
                if (arr[i] is { } child)
                {
                    Collect(child, childPath, paths);
                }
            }
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        // Paths are JSON Pointers: "/" inside a key (label names such as kubernetes.io/service-name) is escaped as "~1".
        var parts = path.Trim('/').Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = node is JsonArray a ? a[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (node is JsonArray arr)
        {
            arr.RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            ((JsonObject)node).Remove(last);
        }
    }
}
