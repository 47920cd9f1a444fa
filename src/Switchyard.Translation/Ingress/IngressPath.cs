using Switchyard.Ir;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// One Ingress path as a route match. <see cref="Key"/> identifies what it matches, so that two paths with the same
/// key on one host conflict; <see cref="SortLength"/> is the length precedence compares (the path as written).
/// </summary>
internal sealed record IngressPath(RouteMatch Match, string Key, int SortLength, string Written)
{
    public PathMatchType Type => Match.Path.Type;

    /// <summary>True when this path matches the request path <c>/</c>.</summary>
    public bool MatchesRoot => Match.Path.Type switch
    {
        PathMatchType.Exact or PathMatchType.Prefix => Match.Path.Value == "/",
        _ => System.Text.RegularExpressions.Regex.IsMatch("/", "^(?:" + Match.Path.Value + ")$", System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant),
    };
}
