namespace Switchyard.Resources.Loading;

/// <summary>Expands <c>-f</c> arguments into manifest files: files as given, directories recursively (*.yaml, *.yml, *.json).</summary>
public static class ManifestFiles
{
    public const string Stdin = "-";

    public static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the files in a stable order; paths that do not exist are reported in <paramref name="missing"/>.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, List<string> missing)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (path == Stdin)
            {
                files.Add(Stdin);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsManifest)
                    .Where(f => !IsHidden(Path.GetRelativePath(path, f)))
                    .Order(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                missing.Add(path);
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    // Editors and tools keep scratch files in dot-directories (.git, .idea); those are not manifests.
    private static bool IsHidden(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
}
