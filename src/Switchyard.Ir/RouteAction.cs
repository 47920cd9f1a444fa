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

    /// <summary>Retries of failed backend requests, or null for none.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Largest request body in bytes; a larger one is answered 413. Null for no limit.</summary>
    public long? MaxRequestBodySize { get; init; }

    /// <summary>
    /// Client addresses allowed (CIDRs such as <c>192.0.2.0/24</c> or <c>2001:db8::/32</c>); others are answered 403.
    /// Empty means every client.
    /// </summary>
    public ImmutableArray<string> SourceRanges { get; init; } = [];

    /// <summary>Cross-origin resource sharing: preflights answered by the gateway, CORS headers on responses.</summary>
    public CorsPolicy? Cors { get; init; }
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

    /// <summary>
    /// When set, the Location is exactly this and nothing above applies (no path or query carried over). A value
    /// starting with <c>/</c> is prefixed with the request's scheme and Host header as sent (port included).
    /// </summary>
    public string? Location { get; init; }
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

    /// <summary>
    /// <see cref="PathRewrite.Pattern"/> is matched from the start of the path; when it matches, the whole path becomes
    /// <see cref="PathRewrite.Value"/> with <c>$1</c>..<c>$9</c> (and <c>${name}</c>) replaced by its groups; otherwise
    /// the path is kept. URL rewrites only.
    /// </summary>
    RegexReplace,
}

public sealed record PathRewrite
{
    public required PathRewriteType Type { get; init; }

    public required string Value { get; init; }

    /// <summary>The regular expression of a <see cref="PathRewriteType.RegexReplace"/> (.NET syntax, inline options allowed).</summary>
    public string? Pattern { get; init; }
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
    /// CORS for requests given to this backend (a backendRef's CORS filter), in place of the rule's. The backend is
    /// chosen before a preflight is answered, so a preflight gets the policy of the backend it was given to.
    /// </summary>
    public CorsPolicy? Cors { get; init; }

    /// <summary>
    /// When set, requests given to this backend get this response instead of being forwarded. Used for backendRefs that
    /// do not resolve: Gateway API wants their weighted share of requests answered with 500. <see cref="ClusterId"/> then
    /// names the unresolved reference (for logs) and is not in <see cref="Snapshot.Clusters"/>.
    /// </summary>
    public DirectResponse? DirectResponse { get; init; }
}
