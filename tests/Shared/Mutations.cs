using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Resources.Loading;

namespace Switchyard.Tests.Shared;

/// <summary>Manifest mutations for robustness tests: reordered documents, and one field dropped at a time.</summary>
internal static class Mutations
{
    public static string ShuffleDocuments(string yaml, int seed)
    {
        var (documents, _) = YamlDocumentReader.Read("input.yaml", yaml);
        var random = new Random(seed);
        var shuffled = documents.Where(d => d.Root is not null).Select(d => d.Root!.ToJsonString()).OrderBy(_ => random.Next()).ToList();
        return string.Join("\n---\n", shuffled);
    }

    /// <summary>Yields the manifest once per field, each time with that one field removed (at most <paramref name="limit"/>).</summary>
    public static IEnumerable<string> DropEachField(string yaml, int limit)
    {
        var (documents, _) = YamlDocumentReader.Read("input.yaml", yaml);
        var roots = documents.Where(d => d.Root is not null).Select(d => d.Root!.ToJsonString()).ToList();
        var count = 0;
        for (var doc = 0; doc < roots.Count; doc++)
        {
            var paths = new List<string[]>();
            Collect(JsonNode.Parse(roots[doc])!, [], paths);
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

    // Paths are segment arrays: keys may contain '/' or '.' (label and annotation keys).
    private static void Collect(JsonNode node, string[] path, List<string[]> paths)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                string[] childPath = [.. path, key];
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
                string[] childPath = [.. path, i.ToString(CultureInfo.InvariantCulture)];
                paths.Add(childPath);
                if (arr[i] is { } child)
                {
                    Collect(child, childPath, paths);
                }
            }
        }
    }

    private static void Remove(JsonNode root, string[] path)
    {
        var node = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            node = node is JsonArray a ? a[int.Parse(path[i], CultureInfo.InvariantCulture)]! : node[path[i]]!;
        }

        var last = path[^1];
        if (node is JsonArray arr)
        {
            arr.RemoveAt(int.Parse(last, CultureInfo.InvariantCulture));
        }
        else
        {
            ((JsonObject)node).Remove(last);
        }
    }
}
