using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// Cross-origin resource sharing for a rule (ingress-nginx <c>enable-cors</c>, Gateway API HTTPRoute CORS filter).
/// A preflight (<c>OPTIONS</c> with an allowed <c>Origin</c>) is answered by the gateway with 204 and every header
/// below; other requests from an allowed origin are forwarded and their responses get <c>Access-Control-Allow-Origin</c>,
/// <c>-Allow-Credentials</c> and <c>-Expose-Headers</c>.
/// </summary>
public sealed record CorsPolicy
{
    /// <summary>
    /// Allowed origins: <c>*</c> (any, answered as <c>*</c>), or <c>scheme://host[:port]</c> where the host may start
    /// with <c>*.</c> for any one label (<c>https://*.example.com</c>). Compared case-insensitively.
    /// </summary>
    public ImmutableArray<string> AllowOrigins { get; init; } = [];

    /// <summary>Methods for <c>Access-Control-Allow-Methods</c> (may be <c>*</c>).</summary>
    public ImmutableArray<string> AllowMethods { get; init; } = [];

    /// <summary>Request headers for <c>Access-Control-Allow-Headers</c> (may be <c>*</c>).</summary>
    public ImmutableArray<string> AllowHeaders { get; init; } = [];

    /// <summary>Response headers for <c>Access-Control-Expose-Headers</c>.</summary>
    public ImmutableArray<string> ExposeHeaders { get; init; } = [];

    /// <summary>How long a browser may cache a preflight answer (<c>Access-Control-Max-Age</c>), or null to not say.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Sends <c>Access-Control-Allow-Credentials: true</c>.</summary>
    public bool AllowCredentials { get; init; }
}
