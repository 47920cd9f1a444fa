using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Resources.Validation;

/// <summary>
/// A CRD <c>pattern</c> (Go RE2 syntax) kept verbatim for error messages, with an equivalent .NET regex.
/// Like OpenAPI, a pattern matches anywhere unless anchored; Go's <c>$</c> matches only at the very end,
/// so it becomes <c>\z</c> (.NET's <c>$</c> would also accept a trailing newline).
/// </summary>
public sealed class CrdPattern
{
    private readonly Regex _regex;

    public CrdPattern(string text)
    {
        Text = text;
        _regex = new Regex(ToDotNet(text), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>The pattern as the CRD spells it.</summary>
    public string Text { get; }

    public bool IsMatch(string value) => _regex.IsMatch(value);

    private static string ToDotNet(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '$')
            {
                result.Append(@"\z");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
