using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Resources.Loading;

namespace Switchyard.Dns.Tests.Translation;

/// <summary>Yields a manifest once per field (paths as JSON pointers, RFC 6901) (and array item), each time with that one field removed (bounded).</summary>
internal static class FieldDrops
{
    public static IEnumerable<string> Each(string yaml, int limit = 300)
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
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                paths.Add(path + "/" + i.ToString(CultureInfo.InvariantCulture));
                if (array[i] is { } child)
                {
                    Collect(child, path + "/" + i.ToString(CultureInfo.InvariantCulture), paths);
                }
            }
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var parts = path.Trim('/').Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(part, CultureInfo.InvariantCulture)]! : node[part]!;
        }

        if (node is JsonArray array)
        {
            array.RemoveAt(int.Parse(parts[^1], CultureInfo.InvariantCulture));
        }
        else
        {
            ((JsonObject)node).Remove(parts[^1]);
        }
    }
}
