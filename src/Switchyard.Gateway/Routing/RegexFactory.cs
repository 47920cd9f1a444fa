using System.Text.RegularExpressions;

namespace Switchyard.Gateway.Routing;

/// <summary>Builds the anchored, non-backtracking regexes used by route matches (full match, linear time).</summary>
internal static class RegexFactory
{
    /// <summary>Returns false with a reason when the pattern is not valid for the non-backtracking engine.</summary>
    public static bool TryCreate(string pattern, bool ignoreCase, out Regex? regex, out string? error)
    {
        var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
        if (ignoreCase)
        {
            options |= RegexOptions.IgnoreCase;
        }

        try
        {
            regex = new Regex(string.Concat("^(?:", pattern, ")\\z"), options);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            regex = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>A case-sensitive regex anchored at the start only (inline options such as <c>(?i)</c> may change that).</summary>
    public static bool TryCreatePrefix(string pattern, out Regex? regex, out string? error)
    {
        try
        {
            regex = new Regex(string.Concat("^(?:", pattern, ")"), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            regex = null;
            error = ex.Message;
            return false;
        }
    }
}
