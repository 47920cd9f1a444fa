namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>Where a request plan's header value comes from.</summary>
internal enum PlanValueSource
{
    /// <summary>A configured text.</summary>
    Literal,

    /// <summary>The client's address (X-Forwarded-For); nothing when unknown.</summary>
    ClientAddress,

    /// <summary>The request scheme (X-Forwarded-Proto).</summary>
    Scheme,

    /// <summary>The client's Host header (X-Forwarded-Host); nothing when empty.</summary>
    Host,
}
