using System.Collections.Immutable;
using Switchyard.Ir;

namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>What the annotations of one Ingress ask for, parsed and checked (invalid values already reported and dropped).</summary>
internal sealed record IngressSettings
{
    public static IngressSettings Default { get; } = new();

    /// <summary>Set on a canary Ingress (<c>canary: "true"</c>): its paths add backends to the main Ingress's paths.</summary>
    public CanarySettings? Canary { get; init; }

    /// <summary><c>use-regex</c>: ImplementationSpecific paths are regular expressions.</summary>
    public bool UseRegex { get; init; }

    /// <summary><c>rewrite-target</c>: the path sent upstream, with <c>$n</c> groups of the path's regex.</summary>
    public string? RewriteTarget { get; init; }

    /// <summary><c>app-root</c>: requests for <c>/</c> are redirected here (302).</summary>
    public string? AppRoot { get; init; }

    /// <summary><c>ssl-redirect</c> (default true): HTTP requests for hosts with a certificate are redirected to HTTPS.</summary>
    public bool SslRedirect { get; init; } = true;

    /// <summary><c>force-ssl-redirect</c>: HTTP requests are redirected to HTTPS even without a certificate.</summary>
    public bool ForceSslRedirect { get; init; }

    /// <summary><c>permanent-redirect</c> / <c>temporal-redirect</c>: every path answers this redirect.</summary>
    public FixedRedirect? Redirect { get; init; }

    /// <summary><c>proxy-body-size</c> in bytes; null for no limit.</summary>
    public long? MaxBodySize { get; init; }

    /// <summary><c>backend-protocol</c> and the proxy timeouts: how to talk to the backends.</summary>
    public BackendSettings Backend { get; init; } = BackendSettings.Default;

    /// <summary><c>enable-cors</c> with the <c>cors-*</c> options.</summary>
    public CorsPolicy? Cors { get; init; }

    /// <summary><c>whitelist-source-range</c> / <c>allowlist-source-range</c>, as canonical CIDRs; empty for any client.</summary>
    public ImmutableArray<string> SourceRanges { get; init; } = [];

    /// <summary><c>upstream-vhost</c>: the Host header sent upstream.</summary>
    public string? UpstreamVhost { get; init; }

    /// <summary><c>x-forwarded-prefix</c>: sent upstream as the X-Forwarded-Prefix header.</summary>
    public string? ForwardedPrefix { get; init; }

    /// <summary>Set when an unsupported access-control annotation is present: every path answers 503.</summary>
    public string? FailClosed { get; init; }

    /// <summary>The path of an ImplementationSpecific rule is a regex (use-regex, or rewrite-target as ingress-nginx does).</summary>
    public bool RegexPaths => UseRegex || RewriteTarget is not null;
}
