using Switchyard.Ir;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// One rule for one host before it is placed on a listener: a path of an Ingress (or a canary variant of it, an
/// app-root redirect, a default backend), with what precedence needs to order it.
/// </summary>
internal sealed class IngressRouteDraft
{
    /// <summary><c>ingress/ns/name/rule/i/path/j</c>, with a suffix for variants.</summary>
    public required string Id { get; init; }

    public required IngressEntry Entry { get; init; }

    public required string Host { get; init; }

    public required IngressPath Path { get; init; }

    public required RouteAction Action { get; set; }

    /// <summary>0 for paths, 1 for a default backend (only when nothing else matches).</summary>
    public int Tier { get; init; }

    public int RuleIndex { get; init; }

    public int PathIndex { get; init; }

    /// <summary>Orders variants of one path (canary header and cookie rules before the path itself).</summary>
    public int Variant { get; init; }

    /// <summary>Never redirected to HTTPS (ACME HTTP-01 challenges must be answered over HTTP).</summary>
    public bool KeepOnHttp { get; init; }

    /// <summary>The canary Ingress whose backend this path got, if any.</summary>
    public IngressEntry? CanaryFrom { get; set; }

    public RouteRule ToRule(RouteAction action) => new()
    {
        Id = Id,
        Route = Entry.Route,
        RuleIndex = RuleIndex,
        Match = Path.Match,
        Action = action,
    };
}
