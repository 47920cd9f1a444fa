using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// Cross-origin resource sharing for a rule (ingress-nginx <c>enable-cors</c>, Gateway API HTTPRoute CORS filter).
/// A preflight is answered by the gateway with 204 and the headers below; other requests are forwarded and responses
/// to an allowed origin get the CORS headers. <see cref="Mode"/> says whose rules apply in the details.
/// </summary>
public sealed record CorsPolicy
{
    public CorsMode Mode { get; init; } = CorsMode.IngressNginx;

    /// <summary>
    /// Allowed origins: <c>*</c> (any), or <c>scheme://host[:port]</c> where the host may start with <c>*.</c>
    /// (<c>https://*.example.com</c>: one label in <see cref="CorsMode.IngressNginx"/>, any number in
    /// <see cref="CorsMode.GatewayApi"/>) or be <c>*</c> (Gateway API). Compared case-insensitively.
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
