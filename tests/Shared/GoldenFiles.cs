using System.Text;
using Switchyard.Resources.Loading;

namespace Switchyard.Tests.Shared;

/// <summary>
/// Golden-file mechanics shared by the suites: case discovery, the expected-errors text, and compare-or-rewrite
/// (<c>SWITCHYARD_UPDATE_GOLDEN=1</c> rewrites the expected files; the diff is then reviewed like code).
/// </summary>
internal static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("SWITCHYARD_UPDATE_GOLDEN") == "1";

    /// <summary>Folders of <paramref name="root"/> that hold <paramref name="inputFile"/>, in ordinal order.</summary>
    public static IEnumerable<string> CaseNames(string root, string inputFile = "input.yaml") =>
        Directory.EnumerateDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, inputFile)))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal);

    /// <summary>Load errors, then warnings (prefixed), one per line.</summary>
    public static string ErrorsText(LoadResult load)
    {
        var sb = new StringBuilder();
        foreach (var error in load.Errors)
        {
            sb.Append(error).Append('\n');
        }

        foreach (var warning in load.Warnings)
        {
            sb.Append("warning: ").Append(warning).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Compares with the expected file (absent means empty), or rewrites it (deleting it when empty) in update mode.</summary>
    public static void AssertMatches(string dir, string fileName, string actual)
    {
        var path = Path.Combine(dir, fileName);
        if (Updating)
        {
            if (actual.Length == 0)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, actual);
            }

            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        Assert.True(expected == actual, $"{path} differs (run with SWITCHYARD_UPDATE_GOLDEN=1 and review the diff).\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}
