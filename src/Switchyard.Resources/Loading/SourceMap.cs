using System.Collections.Frozen;

namespace Switchyard.Resources.Loading;

/// <summary>
/// Maps field paths of one document (<c>spec.rules[0].matches[0].path.value</c>) to the line they were written on,
/// so validation errors can name the exact line.
/// </summary>
public sealed class SourceMap
{
    private readonly FrozenDictionary<string, int> _lines;

    public SourceMap(string file, int documentLine, IReadOnlyDictionary<string, int> lines)
    {
        File = file;
        DocumentLine = documentLine;
        _lines = lines.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string File { get; }

    /// <summary>The first line of the document (or of the list item for <c>kind: List</c>).</summary>
    public int DocumentLine { get; }

    /// <summary>The line of the field, or of its nearest written ancestor when the field itself is absent.</summary>
    public int LineOf(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            if (_lines.TryGetValue(current, out var line))
            {
                return line;
            }

            current = Parent(current);
        }

        return DocumentLine;
    }

    /// <summary>A view of a sub-document (a <c>kind: List</c> item) whose paths are relative to <paramref name="prefix"/>.</summary>
    public SourceMap Sub(string prefix)
    {
        var sub = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, line) in _lines)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                var rest = key[prefix.Length..];
                if (rest[0] == '.')
                {
                    sub[rest[1..]] = line;
                }
            }
        }

        return new SourceMap(File, LineOf(prefix), sub);
    }

    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf('[');
        var cut = Math.Max(dot, bracket);
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
