using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>What to do with a matched request: filters in order, then a redirect, a direct response or a backend.</summary>
public sealed record RouteAction
{
    public HeaderModifier? RequestHeaders { get; init; }

    public HeaderModifier? ResponseHeaders { get; init; }

    /// <summary>When set, answer with a redirect instead of forwarding.</summary>
    public Redirect? Redirect { get; init; }

    public UrlRewrite? Rewrite { get; init; }

    public ImmutableArray<Mirror> Mirrors { get; init; } = [];

    /// <summary>When set, answer with this status and no backend (e.g. 500 when no backendRef is valid).</summary>
    public DirectResponse? DirectResponse { get; init; }

    /// <summary>Weighted backends; a weight of 0 is never chosen.</summary>
    public ImmutableArray<WeightedBackend> Backends { get; init; } = [];

    /// <summary>Total time for the request (Gateway API <c>timeouts.request</c>), or null for none.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Time for one backend attempt (<c>timeouts.backendRequest</c>), or null for none.</summary>
    public TimeSpan? BackendRequestTimeout { get; init; }
}

public sealed record HeaderModifier
{
    public ImmutableArray<KeyValuePair<string, string>> Set { get; init; } = [];

    public ImmutableArray<KeyValuePair<string, string>> Add { get; init; } = [];

    public ImmutableArray<string> Remove { get; init; } = [];
}

public sealed record Redirect
{
    /// <summary>"http" or "https", or null to keep the request's.</summary>
    public string? Scheme { get; init; }

    public string? Hostname { get; init; }

    public int? Port { get; init; }

    public PathRewrite? Path { get; init; }

    public int StatusCode { get; init; } = 302;
}

public sealed record UrlRewrite
{
    public string? Hostname { get; init; }

    public PathRewrite? Path { get; init; }
}

public enum PathRewriteType
{
    ReplaceFullPath,
    ReplacePrefixMatch,
}

public sealed record PathRewrite
{
    public required PathRewriteType Type { get; init; }

    public required string Value { get; init; }
}

public sealed record Mirror
{
    public required string ClusterId { get; init; }

    /// <summary>Fraction of requests mirrored, 0..1 (1 = all).</summary>
    public double Fraction { get; init; } = 1.0;
}

public sealed record DirectResponse
{
    public required int StatusCode { get; init; }

    public string? Body { get; init; }
}

public sealed record WeightedBackend
{
    public required string ClusterId { get; init; }

    public required int Weight { get; init; }

    /// <summary>Filters applied only when this backend is chosen (per-backendRef filters).</summary>
    public HeaderModifier? RequestHeaders { get; init; }

    public HeaderModifier? ResponseHeaders { get; init; }

    /// <summary>
    /// When set, requests given to this backend get this response instead of being forwarded. Used for backendRefs that
    /// do not resolve: Gateway API wants their weighted share of requests answered with 500. <see cref="ClusterId"/> then
    /// names the unresolved reference (for logs) and is not in <see cref="Snapshot.Clusters"/>.
    /// </summary>
    public DirectResponse? DirectResponse { get; init; }
}
