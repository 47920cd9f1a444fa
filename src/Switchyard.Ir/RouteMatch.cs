using System.Collections.Immutable;

namespace Switchyard.Ir;

public sealed record RouteMatch
{
    public PathMatch Path { get; init; } = new() { Type = PathMatchType.Prefix, Value = "/" };

    public ImmutableArray<StringMatch> Headers { get; init; } = [];

    public ImmutableArray<StringMatch> QueryParams { get; init; } = [];

    /// <summary>Cookie matches (names exact, first occurrence of a name counts); all must match.</summary>
    public ImmutableArray<StringMatch> Cookies { get; init; } = [];

    /// <summary>HTTP method, upper case, or null for any.</summary>
    public string? Method { get; init; }
}

public enum PathMatchType
{
    Exact,

    /// <summary>Element-wise prefix: <c>/foo</c> matches <c>/foo</c>, <c>/foo/</c>, <c>/foo/bar</c> but not <c>/foobar</c>.</summary>
    Prefix,

    RegularExpression,
}

public sealed record PathMatch
{
    public required PathMatchType Type { get; init; }

    public required string Value { get; init; }

    /// <summary>Regex matches are anchored and case-sensitive unless stated.</summary>
    public bool IgnoreCase { get; init; }
}

public enum StringMatchType
{
    Exact,
    RegularExpression,
}

/// <summary>A header, query parameter or cookie match. Header names compare case-insensitively, the others exactly.</summary>
public sealed record StringMatch
{
    public required string Name { get; init; }

    public required StringMatchType Type { get; init; }

    public required string Value { get; init; }
}
