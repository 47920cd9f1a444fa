using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Switchyard.Resources.Loading;

/// <summary>
/// Reads multi-document YAML (and JSON, a subset of YAML) into JSON trees with a line for every field.
/// Written on top of YamlDotNet's representation model rather than KubernetesYaml because the loader must know the
/// line of every field for its error messages, and must keep loading the other documents when one is broken.
/// </summary>
public static class YamlDocumentReader
{
    public static (IReadOnlyList<ParsedDocument> Documents, IReadOnlyList<DocumentSyntaxError> Errors) Read(string file, string text)
    {
        var documents = new List<ParsedDocument>();
        var errors = new List<DocumentSyntaxError>();
        if (LooksLikeJson(text))
        {
            // Tabs are only whitespace in valid JSON (a raw tab inside a string is invalid JSON anyway) but YAML rejects them.
            text = text.Replace('\t', ' ');
        }

        foreach (var (startLine, chunk) in SplitDocuments(text))
        {
            if (string.IsNullOrWhiteSpace(StripComments(chunk)))
            {
                continue;
            }

            try
            {
                var stream = new YamlStream();
                // Pad with newlines so YamlDotNet's line numbers are the file's.
                stream.Load(new StringReader(new string('\n', startLine - 1) + chunk));
                foreach (var doc in stream.Documents)
                {
                    var lines = new Dictionary<string, int>(StringComparer.Ordinal);
                    var root = Convert(doc.RootNode, string.Empty, lines);
                    documents.Add(new ParsedDocument(root, new SourceMap(file, FirstContentLine(doc.RootNode, startLine), lines)));
                }
            }
            catch (YamlException ex)
            {
                var line = ex.Start.Line > 0 ? (int)ex.Start.Line : startLine;
                errors.Add(new DocumentSyntaxError(new SourceLocation(file, line), "invalid YAML: " + InnermostMessage(ex)));
            }
        }

        return (documents, errors);
    }

    private static int FirstContentLine(YamlNode root, int fallback) => root.Start.Line > 0 ? (int)root.Start.Line : fallback;

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        var message = ex.Message;
        // YamlDotNet prefixes positions "(Line: 3, Col: 5, Idx: 20) - (Line...): "; the location is reported separately.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }

    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    private static string StripComments(string chunk)
    {
        var sb = new StringBuilder();
        foreach (var line in chunk.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || trimmed.StartsWith("---", StringComparison.Ordinal) || trimmed.StartsWith("...", StringComparison.Ordinal))
            {
                continue;
            }

            sb.Append(trimmed);
        }

        return sb.ToString();
    }

    /// <summary>Splits at <c>---</c> and <c>...</c> markers in column 0 so a broken document does not take the others with it.</summary>
    private static IEnumerable<(int StartLine, string Text)> SplitDocuments(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = 1;
        var current = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var isStart = IsMarker(line, "---");
            var isEnd = IsMarker(line, "...");
            if (isStart || isEnd)
            {
                if (current.Length > 0)
                {
                    yield return (start, current.ToString());
                }

                current.Clear();
                start = i + 1;
                if (isEnd)
                {
                    start = i + 2;
                    continue;
                }
            }

            current.Append(line).Append('\n');
        }

        if (current.Length > 0)
        {
            yield return (start, current.ToString());
        }
    }

    private static bool IsMarker(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == 3 || char.IsWhiteSpace(line[3]));

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, int> lines)
    {
        lines.TryAdd(path, (int)node.Start.Line);
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var key = keyNode is YamlScalarNode s ? s.Value ?? string.Empty : keyNode.ToString();
                    var childPath = path.Length == 0 ? key : path + "." + key;
                    lines[childPath] = (int)keyNode.Start.Line;
                    var value = Convert(valueNode, childPath, lines);
                    lines[childPath] = (int)keyNode.Start.Line;
                    obj[key] = value;
                }

                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    arr.Add(Convert(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", lines));
                    i++;
                }

                return arr;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                return null;
        }
    }

    /// <summary>YAML 1.2 core schema resolution for plain scalars; quoted and block scalars are strings.</summary>
    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IsDecimalInteger(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (value.StartsWith("0o", StringComparison.Ordinal) && value.Length > 2 && value[2..].All(c => c is >= '0' and <= '7'))
        {
            return JsonValue.Create(System.Convert.ToInt64(value[2..], 8));
        }

        if (IsFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }

    private static bool IsDecimalInteger(string value)
    {
        var start = value.Length > 0 && value[0] is '-' or '+' ? 1 : 0;
        if (start == value.Length)
        {
            return false;
        }

        for (var i = start; i < value.Length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFloat(string value)
    {
        var start = value.Length > 0 && value[0] is '-' or '+' ? 1 : 0;
        var digits = false;
        var dot = false;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= '0' and <= '9')
            {
                digits = true;
            }
            else if (c == '.' && !dot)
            {
                dot = true;
            }
            else if (c is 'e' or 'E' && digits && i + 1 < value.Length)
            {
                return IsDecimalInteger(value[(i + 1)..]);
            }
            else
            {
                return false;
            }
        }

        return digits && dot;
    }
}
